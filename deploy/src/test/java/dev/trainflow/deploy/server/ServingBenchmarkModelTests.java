package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.worker.ExportFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Builds the serving benchmark's model (bench/serving/, docs/benchmarks.md), not a check: run with
 * {@code -Dtrainflow.benchmark=true}. A retrieval model with 64-dim embeddings over the seed's
 * catalogue size, 36,000 products, trained one epoch by the product's trainer on the synthetic
 * B2B fixture and exported as the server serves it, into {@code
 * -Dtrainflow.benchmark.model=<folder>} (default {@code target/serving-benchmark-model}).
 */
@EnabledIfSystemProperty(named = "trainflow.benchmark", matches = "true")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ServingBenchmarkModelTests {
  static final int PRODUCTS = 36_000;

  @Test
  void shouldExportARetrievalModelOver36000CandidatesWith64DimEmbeddings() throws IOException {
    Path target = Path.of(System.getProperty("trainflow.benchmark.model", "target/serving-benchmark-model")).toAbsolutePath();
    Path root = Files.createTempDirectory("serving-benchmark-");
    ExportFixtures.trainRetrieval(new LocalArtifactStore(root), 900, 5_000, PRODUCTS, 60_000, 64);
    Path export = root.resolve("runs/900/model");
    assertThat(Files.readAllLines(export.resolve("vocabularies/candidates.txt"))).hasSize(PRODUCTS);

    deleteRecursively(target);
    Files.createDirectories(target.getParent());
    copy(export, target);
    deleteRecursively(root);
    System.out.println("BENCH serving model exported to " + target);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path dest = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.delete(p);
      }
    }
  }
}
