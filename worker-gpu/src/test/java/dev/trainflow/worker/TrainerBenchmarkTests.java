package dev.trainflow.worker;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput and quality numbers for docs/benchmarks, not a check: run with
 * {@code -Dtrainflow.benchmark=true}. The MovieLens part reads ../shared/datasets/movielens-100k
 * in place (its licence forbids copying it into the repository) and is skipped without it.
 */
@EnabledIfSystemProperty(named = "trainflow.benchmark", matches = "true")
class TrainerBenchmarkTests {
  @TempDir Path root;

  @Test
  void shouldReportThroughputOnTheSyntheticFixture() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    RetrievalFixture rich = RetrievalFixture.write(store, "rich", 300, 200, 15_000, 7);
    RetrievalFixture ids = RetrievalFixture.writeIdsOnly(store, "ids", 300, 200, 15_000, 7);
    for (int batch : new int[] {1024, 4096}) {
      report("fixture rich towers, batch " + batch, train(store, rich, batch, 4, 100 + batch).lastEpoch());
      report("fixture ids only, batch " + batch, train(store, ids, batch, 4, 200 + batch).lastEpoch());
    }
  }

  @Test
  void shouldCompareWithPopularityOnMovieLens() throws IOException {
    Path data = Path.of(System.getProperty("trainflow.movielens", "../../shared/datasets/movielens-100k/u.data"));
    if (!Files.exists(data)) {
      System.out.println("BENCH movielens skipped: no " + data.toAbsolutePath());
      return;
    }
    LocalArtifactStore store = new LocalArtifactStore(root);
    RetrievalFixture movielens = movieLens(store, data);
    for (int epochs : new int[] {1, 3}) {
      for (int batch : new int[] {1024, 4096}) {
        TrainingResult trained = train(store, movielens, batch, epochs, 1000L * epochs + batch);
        report("movielens ids, " + epochs + " epochs, batch " + batch, trained.lastEpoch());
        EvaluationResult evaluation =
            new EvaluationActivitiesImpl(store)
                .evaluate(new EvaluationRequest(run(1000L * epochs + batch, batch, epochs), movielens.examples(), movielens.transform(), trained));
        System.out.printf(
            "BENCH movielens test, %d epochs, batch %d: model %s, popularity %s%n",
            epochs, batch, evaluation.metrics(), evaluation.baselineMetrics());
      }
    }
  }

  private static TrainingResult train(LocalArtifactStore store, RetrievalFixture fixture, int batch, int epochs, long runId) {
    return new TwoTowerTrainer(store, (id, m) -> {}, h -> {})
        .train(TestRuns.request(run(runId, batch, epochs), fixture, null), null, "bench");
  }

  private static CompiledRun run(long runId, int batch, int epochs) {
    return TestRuns.run(
        runId, TestRuns.model(false), TestRuns.params(epochs, batch, "adagrad", 0.1, 42, 100), GpuConfig.cpu(), EvaluatorConfig.empty());
  }

  private static void report(String what, EpochMetrics last) {
    System.out.printf(
        "BENCH %s: %.0f examples/s, train loss %.4f, validation recall@10 %.4f, recall@100 %.4f%n",
        what, last.examplesPerSecond(), last.trainLoss(), last.recallAt10(), last.recallAt100());
  }

  /** MovieLens 100K as the Examples and Transform stages would hand it over: 80/10/10 random split. */
  private static RetrievalFixture movieLens(LocalArtifactStore store, Path data) throws IOException {
    List<String[]> rows = new ArrayList<>();
    TreeSet<String> items = new TreeSet<>();
    for (String line : Files.readAllLines(data)) {
      String[] cells = line.split("\t");
      rows.add(new String[] {cells[0], cells[1], cells[3]});
      items.add(cells[1]);
    }
    Collections.shuffle(rows, new Random(42));
    int trainEnd = rows.size() * 8 / 10;
    int validationEnd = rows.size() * 9 / 10;
    List<String> header = List.of("user_id", "item_id", "timestamp");
    SplitInfo train = split(store, "train", header, rows.subList(0, trainEnd));
    SplitInfo validation = split(store, "validation", header, rows.subList(trainEnd, validationEnd));
    SplitInfo test = split(store, "test", header, rows.subList(validationEnd, rows.size()));
    List<String[]> catalog = items.stream().map(id -> new String[] {id}).toList();
    SplitInfo candidates = split(store, "candidates", List.of("item_id"), catalog);
    List<String> users = rows.subList(0, trainEnd).stream().map(r -> r[0]).distinct().sorted().toList();
    List<String> trainItems = rows.subList(0, trainEnd).stream().map(r -> r[1]).distinct().sorted().toList();
    TransformSpec spec =
        new TransformSpec(
            "user_id",
            "item_id",
            List.of(new FeatureTransform("user_id", "user_id", "string", "embedding", 32, users, null, null, null)),
            List.of(new FeatureTransform("item_id", "item_id", "string", "embedding", 32, trainItems, null, null, null)));
    String transformUri = store.write("movielens/transform.json", JsonCodec.toBytes(spec));
    ExamplesResult examples =
        new ExamplesResult(
            "movielens-100k", rows.size(), rows.size(),
            List.of(new ColumnSpec("user_id", "string"), new ColumnSpec("item_id", "string"), new ColumnSpec("timestamp", "timestamp")),
            train, validation, test, candidates);
    return new RetrievalFixture(examples, new TransformResult(transformUri, Map.of()), spec, items.size());
  }

  private static SplitInfo split(LocalArtifactStore store, String name, List<String> header, List<String[]> rows) {
    String uri = store.write("movielens/" + name + ".csv", new CsvTable(header, new ArrayList<>(rows)).toBytes());
    return new SplitInfo(name, uri, rows.size(), "-");
  }
}
