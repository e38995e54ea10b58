package dev.trainflow.worker.tabular;

import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.activities.data.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Numbers for docs/benchmarks.md ("Tabular trainers"), not checks: run with {@code
 * -Dtrainflow.benchmark=true}. Each trainer fits the synthetic churn table (80/20 stratified
 * hold-out, 200 trees, depth 4, learning rate 0.1) at two sizes; then 5-fold cross-validation at
 * the smaller size, and in-process prediction through {@link TabularPredictor} (the model server's
 * path) one row at a time and in batches of 64. Lines go to stdout and {@code
 * target/benchmark-results.md}.
 */
@EnabledIfSystemProperty(named = "trainflow.benchmark", matches = "true")
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
class TabularBenchmarkTests {
  private static final TrainerParams PARAMS = new TrainerParams(200, 4, 0.1, 42);
  private static final TabularSpec SPEC = TabularSpec.classification(ChurnDatasetGenerator.LABEL, List.of("customer_id"));

  private static List<TabularTrainer> trainers() {
    return List.of(new XGBoostTrainer(), new LightGBMTrainer(), new RandomForestTrainer());
  }

  @Test
  void shouldReportFitTimeAndHeldOutQualityPerTrainer() throws IOException {
    for (int rows : new int[] {5_000, 50_000}) {
      CsvTable churn = new ChurnDatasetGenerator().generate(rows, 7).table();
      for (TabularTrainer trainer : trainers()) {
        TabularTraining training = new TabularTraining(churn, SPEC);
        training.holdout(trainer, PARAMS, 0.2); // warm-up: class loading, native libraries
        long start = System.nanoTime();
        TabularResult result = training.holdout(trainer, PARAMS, 0.2);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> m = result.metrics();
        append(String.format(Locale.ROOT,
            "| fit | %s | %,d rows | %.2f s | roc_auc %.4f | pr_auc %.4f | accuracy %.4f | f1 %.4f |",
            trainer.name(), rows, seconds, m.get("roc_auc"), m.get("pr_auc"), m.get("accuracy"), m.get("f1_score")));
      }
    }
  }

  @Test
  void shouldReportFiveFoldCrossValidation() throws IOException {
    CsvTable churn = new ChurnDatasetGenerator().generate(5_000, 7).table();
    for (TabularTrainer trainer : trainers()) {
      TabularTraining training = new TabularTraining(churn, SPEC);
      long start = System.nanoTime();
      CrossValidationResult cv = training.crossValidate(trainer, PARAMS, 5);
      double seconds = (System.nanoTime() - start) / 1e9;
      append(String.format(Locale.ROOT, "| cv5 | %s | 5,000 rows | %.2f s | roc_auc %.4f ± %.4f |",
          trainer.name(), seconds, cv.mean().get("roc_auc"), cv.std().get("roc_auc")));
    }
  }

  @Test
  void shouldReportInProcessPredictionThroughput() throws IOException {
    CsvTable churn = new ChurnDatasetGenerator().generate(5_000, 7).table();
    CsvTable train = new CsvTable(churn.header(), churn.rows().subList(0, 4_000));
    CsvTable test = new CsvTable(churn.header(), churn.rows().subList(4_000, 5_000));
    for (TabularTrainer trainer : trainers()) {
      TabularFit fit = new TabularTraining(train, SPEC).trainAndTest(trainer, PARAMS, test);
      try (TabularPredictor predictor = TabularPredictor.of(fit.bundle())) {
        List<String[]> rows = cells(test, predictor.features());
        for (int batch : new int[] {1, 64}) {
          int calls = 0;
          long rowsDone = 0;
          long deadline = System.nanoTime() + 3_000_000_000L;
          long start = System.nanoTime();
          while (System.nanoTime() < deadline || calls < 10) {
            int from = (calls * batch) % (rows.size() - batch);
            predictor.predictCells(rows.subList(from, from + batch));
            calls++;
            rowsDone += batch;
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          append(String.format(Locale.ROOT, "| predict | %s | batch %d | %.3f ms per call | %,.0f rows/s |",
              trainer.name(), batch, 1000 * seconds / calls, rowsDone / seconds));
        }
      }
    }
  }

  /**
   * The model server benchmark's input (bench/serving/ServingBenchmark.java with BENCH_BODIES):
   * an XGBoost churn bundle in {@code target/tabular-benchmark-model/1} and one single-instance
   * request per line in {@code target/tabular-benchmark-bodies.jsonl}.
   */
  @Test
  void shouldWriteTheServingBenchmarkModelAndRequests() throws IOException {
    CsvTable churn = new ChurnDatasetGenerator().generate(5_000, 7).table();
    CsvTable train = new CsvTable(churn.header(), churn.rows().subList(0, 4_000));
    CsvTable test = new CsvTable(churn.header(), churn.rows().subList(4_000, 5_000));
    TabularFit fit = new TabularTraining(train, SPEC).trainAndTest(new XGBoostTrainer(), PARAMS, test);
    Path base = Path.of("target", "tabular-benchmark-model").toAbsolutePath();
    fit.bundle().writeTo(new dev.trainflow.activities.artifacts.LocalArtifactStore(base), "1");
    List<String> bodies = new ArrayList<>();
    List<TabularFeature> features = fit.descriptor().features();
    for (String[] row : test.rows()) {
      StringBuilder body = new StringBuilder("{\"instances\":[{");
      for (int j = 0; j < features.size(); j++) {
        TabularFeature f = features.get(j);
        String cell = row[test.column(f.name())];
        body.append(j == 0 ? "" : ",").append('"').append(f.name()).append("\":")
            .append(f.isCategorical() ? "\"" + cell + "\"" : cell.isEmpty() ? "null" : cell);
      }
      bodies.add(body.append("}]}").toString());
    }
    Files.write(Path.of("target", "tabular-benchmark-bodies.jsonl"), bodies);
    append("| serving input | xgboost bundle in " + base + "/1, " + bodies.size() + " requests |");
  }

  private static List<String[]> cells(CsvTable table, List<TabularFeature> features) {
    List<String[]> rows = new ArrayList<>();
    for (String[] row : table.rows()) {
      String[] cells = new String[features.size()];
      for (int j = 0; j < cells.length; j++) {
        cells[j] = row[table.column(features.get(j).name())];
      }
      rows.add(cells);
    }
    return rows;
  }

  private static void append(String line) throws IOException {
    System.out.println("BENCH " + line);
    Path results = Path.of("target", "benchmark-results.md");
    Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
