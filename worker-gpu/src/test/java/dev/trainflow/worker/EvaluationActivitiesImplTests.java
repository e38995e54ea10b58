package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationActivitiesImplTests {
  @TempDir static Path root;
  static LocalArtifactStore store;
  static RetrievalFixture fixture;
  static TrainingResult trained;

  @BeforeAll
  static void trainAModel() {
    store = new LocalArtifactStore(root);
    fixture = RetrievalFixture.write(store, "datasets/b2b", 300, 200, 15_000, 11);
    CompiledRun run = TestRuns.run(50, TestRuns.params(2, 512, "adagrad", 0.1, 42, 10));
    trained =
        new TwoTowerTrainer(store, (workflowId, metrics) -> {}, heartbeat -> {})
            .train(TestRuns.request(run, fixture, null), null, "test-worker");
  }

  @Test
  void shouldMeasureRecallLossAndThePopularityBaselineOnTheTestSplit() throws Exception {
    EvaluationResult result = evaluate(new EvaluatorConfig("recall_at_100", null, null));

    assertThat(result.testExamples()).isEqualTo(fixture.examples().test().rows());
    assertThat(result.metrics())
        .containsOnlyKeys(
            "loss", "recall_at_5", "recall_at_10", "recall_at_50", "recall_at_100",
            "recall_at_5_unseen", "recall_at_10_unseen", "recall_at_50_unseen", "recall_at_100_unseen");
    assertThat(result.baselineMetrics())
        .containsOnlyKeys(
            "recall_at_5", "recall_at_10", "recall_at_50", "recall_at_100",
            "recall_at_5_unseen", "recall_at_10_unseen", "recall_at_50_unseen", "recall_at_100_unseen");
    Map<String, Double> m = result.metrics();
    assertThat(result.lift().get("recall_at_100"))
        .isCloseTo(m.get("recall_at_100") / result.baselineMetrics().get("recall_at_100") - 1, within(1e-12));
    assertThat(result.modelType()).isEqualTo("retrieval");
    assertThat(result.modelEpoch()).isEqualTo(2);
    assertThat(m.get("recall_at_10_unseen")).isGreaterThanOrEqualTo(m.get("recall_at_10"));
    assertThat(m.get("recall_at_5")).isLessThanOrEqualTo(m.get("recall_at_10"));
    assertThat(m.get("recall_at_10")).isLessThanOrEqualTo(m.get("recall_at_50"));
    assertThat(m.get("recall_at_50")).isLessThanOrEqualTo(m.get("recall_at_100"));
    assertThat(m.get("recall_at_100")).isGreaterThan(100.0 / fixture.candidates() + 0.25);
    assertThat(m.get("loss")).isPositive().isLessThan(Math.log(512));
    assertThat(result.metric()).isEqualTo("recall_at_100");
    assertThat(result.value()).isEqualTo(m.get("recall_at_100"));

    for (int k : new int[] {5, 10, 50, 100}) {
      assertThat(result.baselineMetrics().get("recall_at_" + k)).isCloseTo(popularityRecall(k), within(1e-12));
    }
    assertThat(result.uri()).contains("runs/50/evaluation/evaluation.json");
    EvaluationResult written =
        JsonCodec.fromBytes(Files.readAllBytes(root.resolve("runs/50/evaluation/evaluation.json")), EvaluationResult.class);
    assertThat(written).isEqualTo(result);
  }

  @Test
  void shouldBlessOnlyAModelAtOrAboveTheThreshold() {
    double value = evaluate(new EvaluatorConfig("recall_at_10", null, null)).value();

    EvaluationResult atThreshold = evaluate(new EvaluatorConfig("recall_at_10", value, null));
    EvaluationResult belowThreshold = evaluate(new EvaluatorConfig("recall_at_10", value + 1e-9, null));

    assertThat(atThreshold.blessed()).isTrue();
    assertThat(belowThreshold.blessed()).isFalse();
    assertThat(belowThreshold.value()).isEqualTo(value);
    assertThat(belowThreshold.threshold()).isEqualTo(value + 1e-9);
  }

  @Test
  void shouldRequireTheMinimumLiftOverPopularity() {
    EvaluationResult measured = evaluate(new EvaluatorConfig("recall_at_10", null, null));
    double lift = measured.lift().get("recall_at_10");

    EvaluationResult enough = evaluate(new EvaluatorConfig("recall_at_10", 0.0, null, lift - 0.01));
    EvaluationResult tooLittle = evaluate(new EvaluatorConfig("recall_at_10", 0.0, null, lift + 0.01));

    assertThat(lift).isPositive();
    assertThat(enough.blessed()).isTrue();
    assertThat(tooLittle.blessed()).isFalse();
    assertThat(tooLittle.summary()).contains("lift").contains("not blessed");
  }

  @Test
  void shouldBlessARankingModelWhoseRmseIsAtMostTheThreshold() {
    dev.trainflow.workflows.spec.ModelConfig ranking = TestRuns.model("ranking");
    CompiledRun run = TestRuns.run(51, ranking, TestRuns.params(2, 256, "adam", 0.01, 42, 10), GpuConfig.cpu(), EvaluatorConfig.empty());
    TrainingResult rankingModel =
        new TwoTowerTrainer(store, (workflowId, metrics) -> {}, heartbeat -> {}).train(TestRuns.request(run, fixture, null), null, "w");
    EvaluationActivitiesImpl evaluator = new EvaluationActivitiesImpl(store);

    EvaluationResult open =
        evaluator.evaluate(new EvaluationRequest(run, fixture.examples(), fixture.transform(), rankingModel));
    double rmse = open.value();
    CompiledRun strict =
        TestRuns.run(51, ranking, TestRuns.params(2, 256, "adam", 0.01, 42, 10), GpuConfig.cpu(), new EvaluatorConfig("rmse", rmse - 0.01, null));
    EvaluationResult failed =
        evaluator.evaluate(new EvaluationRequest(strict, fixture.examples(), fixture.transform(), rankingModel));

    assertThat(open.metric()).isEqualTo("rmse");
    assertThat(open.threshold()).isNull();
    assertThat(open.blessed()).isTrue();
    assertThat(open.metrics()).containsOnlyKeys("loss", "rmse", "mae");
    assertThat(open.baselineMetrics()).containsOnlyKeys("rmse", "mae");
    assertThat(rmse).isLessThan(open.baselineMetrics().get("rmse"));
    assertThat(open.lift().get("rmse")).isPositive();
    assertThat(failed.blessed()).isFalse();
    assertThat(failed.summary()).contains("rmse").contains(">").contains("not blessed");
  }

  @Test
  void shouldFailInvalidConfigForAMetricRetrievalDoesNotMeasure() {
    assertThatThrownBy(() -> evaluate(new EvaluatorConfig("auc", 0.5, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("invalid_config");
              assertThat(failure.getOriginalMessage()).contains("'auc'").contains("recall_at_100");
            });
  }

  private EvaluationResult evaluate(EvaluatorConfig evaluator) {
    CompiledRun run =
        TestRuns.run(50, TestRuns.model(false), TestRuns.params(2, 512, "adagrad", 0.1, 42, 10), GpuConfig.cpu(), evaluator);
    return new EvaluationActivitiesImpl(store)
        .evaluate(new EvaluationRequest(run, fixture.examples(), fixture.transform(), trained));
  }

  /** The baseline computed here independently: the top 100 train products, then hits in test. */
  private static double popularityRecall(int k) {
    CsvTable train = CsvTable.parse(store.read(fixture.examples().train().uri()));
    CsvTable test = CsvTable.parse(store.read(fixture.examples().test().uri()));
    Map<String, Integer> counts = new HashMap<>();
    for (String id : train.values("product_id")) {
      counts.merge(id, 1, Integer::sum);
    }
    List<String> top =
        counts.entrySet().stream()
            .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue())
            .limit(k)
            .map(Map.Entry::getKey)
            .toList();
    long hits = Arrays.stream(test.values("product_id")).filter(top::contains).count();
    return (double) hits / test.size();
  }
}
