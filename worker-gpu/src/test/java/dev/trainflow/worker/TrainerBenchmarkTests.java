package dev.trainflow.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.spec.EarlyStopping;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.LearningRateSchedule;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality and throughput numbers for docs/benchmarks.md, not checks: run with {@code
 * -Dtrainflow.benchmark=true}. MovieLens 100K goes through the run's own stages ({@link
 * MovieLensPipeline}) with a random split by a seeded hash: 75 % train, 5 % validation (early
 * stopping and schedules watch it), 20 % test. Each result is printed as a {@code BENCH} line and
 * appended to {@code target/benchmark-results.md}. Skipped without the data.
 */
@EnabledIfSystemProperty(named = "trainflow.benchmark", matches = "true")
// a benchmark trains for minutes, past the 3-minute limit that fails a hung test
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class TrainerBenchmarkTests {
  private static final double VALIDATION = 0.05;
  private static final double TEST = 0.2;
  @TempDir Path root;

  @Test
  void shouldReportIdsOnlyRetrievalAfter3And10And30EpochsAndWithEarlyStopping() throws IOException {
    MovieLensPipeline movielens = pipeline();
    FeatureConfig ids = idsOnly();
    ModelConfig model = retrieval(32, false, null, true);
    for (int epochs : new int[] {3, 10, 30}) {
      report("ids only, Adagrad 0.1, batch 8192, " + epochs + " epochs", movielens.run(ids, model, params(epochs, 8192, "adagrad", 0.1)));
    }
    report(
        "ids only, Adagrad 0.1, batch 8192, early stopping (patience 3, best weights, at most 30)",
        movielens.run(ids, model, with(params(30, 8192, "adagrad", 0.1), new EarlyStopping(3, 0.0, true), null)));
    report(
        "ids only without the sampling correction, Adagrad 0.1, batch 8192, 3 epochs",
        movielens.run(ids, retrieval(32, false, null, false), params(3, 8192, "adagrad", 0.1)));
  }

  @Test
  void shouldReportRetrievalWithFeatures() throws IOException {
    MovieLensPipeline movielens = pipeline();
    FeatureConfig rich = withFeatures();
    report(
        "features, Adagrad 0.1, batch 8192, early stopping",
        movielens.run(rich, retrieval(32, false, null, true), with(params(30, 8192, "adagrad", 0.1), new EarlyStopping(3, 0.0, true), null)));
    report(
        "features + item bias + L2 1e-5, Adagrad 0.1, batch 4096, cosine to 0.01, early stopping",
        movielens.run(
            rich, retrieval(32, true, 1e-5, true),
            with(params(20, 4096, "adagrad", 0.1), new EarlyStopping(3, 0.0, true), new LearningRateSchedule("cosine", null, null, 0.01, null))));
    report(
        "features + item bias, Adagrad 0.1, batch 1024, reduce on plateau, early stopping",
        movielens.run(
            rich, retrieval(32, true, null, true),
            with(params(20, 1024, "adagrad", 0.1), new EarlyStopping(3, 0.0, true),
                new LearningRateSchedule("reduce_on_plateau", 0.5, 1, 0.005, null))));
  }

  @Test
  void shouldReportRankingRmse() throws IOException {
    MovieLensPipeline movielens = pipeline();
    FeatureConfig ids = labelled(idsOnly());
    FeatureConfig rich = labelled(withFeatures());
    report(
        "ranking, ids, TFRS tutorial (Adagrad 0.1, batch 8192, 3 epochs, 256-64-1)",
        movielens.run(ids, ranking(32, List.of(256, 64), null), params(3, 8192, "adagrad", 0.1)));
    report(
        "ranking, ids, Adam 0.001, batch 256, early stopping",
        movielens.run(ids, ranking(32, List.of(64, 32), null), with(params(30, 256, "adam", 0.001), new EarlyStopping(2, 0.0, true), null)));
    report(
        "ranking, features, Adam 0.001, batch 256, L2 1e-4, early stopping",
        movielens.run(rich, ranking(32, List.of(64, 32), 1e-4), with(params(30, 256, "adam", 0.001), new EarlyStopping(2, 0.0, true), null)));
  }

  @Test
  void shouldReportThroughputAndPeakMemory() throws IOException {
    MovieLensPipeline movielens = pipeline();
    for (int batch : new int[] {1024, 8192}) {
      MovieLensPipeline.Outcome outcome = movielens.run(idsOnly(), retrieval(32, false, null, true), params(6, batch, "adagrad", 0.1));
      double[] steady = outcome.epochs().stream().skip(1).mapToDouble(EpochMetrics::examplesPerSecond).sorted().toArray();
      String line =
          String.format(
              Locale.ROOT, "| ids only, batch %d | %,.0f examples/s (median of epochs 2-6; range %,.0f-%,.0f) | %s |",
              batch, steady[steady.length / 2], steady[0], steady[steady.length - 1], peakRss());
      append(line);
    }
  }

  private MovieLensPipeline pipeline() {
    Path data = MovieLensPipeline.find();
    assumeTrue(data != null, "MovieLens 100K not found under ../shared/datasets: skipping the benchmark");
    return new MovieLensPipeline(root, data);
  }

  private static FeatureConfig idsOnly() {
    return new FeatureConfig(
        "user_id", "item_id",
        List.of(new FeatureSpec(null, "user_id", "string", "embedding", 32, null)),
        List.of(new FeatureSpec(null, "item_id", "string", "embedding", 32, null)),
        "timestamp");
  }

  /** User age, gender, occupation; movie genres (multi-valued) and release year, beside the ids. */
  private static FeatureConfig withFeatures() {
    return new FeatureConfig(
        "user_id", "item_id",
        List.of(
            new FeatureSpec(null, "user_id", "string", "embedding", 32, null),
            new FeatureSpec(null, "age", "int", "bucketize", 8, 8),
            new FeatureSpec(null, "gender", "string", "embedding", 4, null),
            new FeatureSpec(null, "occupation", "string", "embedding", 8, null)),
        List.of(
            new FeatureSpec(null, "item_id", "string", "embedding", 32, null),
            new FeatureSpec(null, "genres", "string", "embedding", 8, null, "|", null, null, null),
            new FeatureSpec(null, "release_year", "int", "bucketize", 8, 10)),
        "timestamp");
  }

  private static FeatureConfig labelled(FeatureConfig f) {
    return new FeatureConfig(f.queryIdColumn(), f.candidateIdColumn(), f.queryFeatures(), f.candidateFeatures(), f.timestampColumn(), "rating");
  }

  private static ModelConfig retrieval(int dim, boolean candidateBias, Double l2, boolean samplingCorrection) {
    return new ModelConfig("retrieval", dim, null, null, null, null, false, null, null, null, candidateBias, l2, samplingCorrection);
  }

  private static ModelConfig ranking(int dim, List<Integer> layers, Double l2) {
    return new ModelConfig("ranking", dim, null, null, null, null, false, layers, null, null, null, l2, null);
  }

  private static TrainingParams params(int epochs, int batch, String optimizer, double learningRate) {
    return new TrainingParams(epochs, batch, learningRate, optimizer, 100.0, "random", VALIDATION, TEST, 42L, 1000);
  }

  private static TrainingParams with(TrainingParams p, EarlyStopping earlyStopping, LearningRateSchedule schedule) {
    return new TrainingParams(
        p.epochs(), p.batchSize(), p.learningRate(), p.optimizer(), p.dataSamplePercent(), p.splitStrategy(),
        p.validationSplit(), p.testSplit(), p.seed(), p.checkpointEveryEpochs(), p.retryPolicy(), p.maxRuntimeMinutes(),
        p.heartbeatTimeoutSeconds(), p.maxCostUsd(), earlyStopping, schedule, null, null);
  }

  private static void report(String what, MovieLensPipeline.Outcome outcome) throws IOException {
    Map<String, Double> m = outcome.evaluation().metrics();
    Map<String, Double> b = outcome.evaluation().baselineMetrics();
    EpochMetrics last = outcome.training().lastEpoch();
    String line;
    if (m.containsKey("recall_at_100")) {
      line =
          String.format(
              Locale.ROOT,
              "| %s | %d (best %s%s) | %.4f | %.4f | %+.1f%% | %.4f | %.4f | %.4f | %.4f | %,.0f | %.0f s |",
              what, outcome.training().epochsCompleted(), outcome.training().bestEpoch(),
              Boolean.TRUE.equals(outcome.training().stoppedEarly()) ? ", stopped early" : "",
              m.get("recall_at_100"), b.get("recall_at_100"), 100 * outcome.evaluation().lift().get("recall_at_100"),
              m.get("recall_at_100_unseen"), b.get("recall_at_100_unseen"), m.get("recall_at_10"), b.get("recall_at_10"),
              last.examplesPerSecond(), outcome.seconds());
    } else {
      line =
          String.format(
              Locale.ROOT, "| %s | %d (best %s%s) | %.4f | %.4f | %.4f | %.4f | %,.0f | %.0f s |",
              what, outcome.training().epochsCompleted(), outcome.training().bestEpoch(),
              Boolean.TRUE.equals(outcome.training().stoppedEarly()) ? ", stopped early" : "",
              m.get("rmse"), b.get("rmse"), m.get("mae"), b.get("mae"), last.examplesPerSecond(), outcome.seconds());
    }
    append(line);
  }

  private static void append(String line) throws IOException {
    System.out.println("BENCH " + line);
    Path results = Path.of("target", "benchmark-results.md");
    Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The JVM's peak resident memory (VmHWM), as Linux reports it. */
  private static String peakRss() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM:"))
        .map(l -> Arrays.stream(l.split("\\s+")).skip(1).findFirst().map(kb -> Long.parseLong(kb) / 1024 + " MB peak RSS").orElse("?"))
        .findFirst()
        .orElse("?");
  }
}
