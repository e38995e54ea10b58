package dev.trainflow.activities.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.Stage;
import dev.trainflow.workflows.run.StageDetail;
import dev.trainflow.workflows.run.StageOutputs;
import dev.trainflow.workflows.run.StageStatus;
import dev.trainflow.workflows.run.TrainingStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrainingRunRepositoryTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  private TrainingRunRepository runs;
  private TrainingMetricsRepository metrics;
  private RunProjection projection;
  private PersistenceFixtures fixtures;

  @BeforeEach
  void setUp() {
    runs = new TrainingRunRepository(postgres.dsl());
    metrics = new TrainingMetricsRepository(postgres.dsl());
    projection = new RunProjection(postgres.dsl());
    fixtures = new PersistenceFixtures(postgres.dsl());
  }

  @Test
  void shouldNumberRunsPerMlModel() {
    StoredRun first = runs.create(fixtures.newRun("first", "numbering-a"));
    StoredRun second = runs.create(fixtures.newRun("second", "numbering-a"));
    StoredRun other = runs.create(fixtures.newRun("third", "numbering-b"));

    assertThat(first.runNumber()).isEqualTo(1);
    assertThat(second.runNumber()).isEqualTo(2);
    assertThat(other.runNumber()).isEqualTo(1);
    assertThat(first.mlModelId()).isEqualTo(second.mlModelId()).isNotEqualTo(other.mlModelId());
    assertThat(first.workflowId()).isEqualTo("training-run-" + first.id());
    assertThat(first.status()).isEqualTo("pending");
    assertThat(first.trainingParams().epochs()).isEqualTo(3);
  }

  @Test
  void shouldNumberConcurrentCreatesWithoutGaps() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<StoredRun>> creates = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        NewRun run = fixtures.newRun("concurrent-" + i, "concurrent-model");
        creates.add(() -> runs.create(run));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<StoredRun> f : pool.invokeAll(creates)) {
        numbers.add(f.get().runNumber());
      }
      assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void shouldProjectProgressIdempotently() {
    StoredRun run = runs.create(fixtures.newRun("projected", "projection-model"));
    RunProgress progress = progress(run.id(), RunStatus.RUNNING, 2, null);

    projection.project(progress);
    projection.project(progress);

    StoredRun stored = runs.find(run.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo("running");
    assertThat(stored.currentStage()).isEqualTo("train");
    assertThat(stored.currentEpoch()).isEqualTo(2);
    assertThat(stored.stageDetails()).hasSize(9);
    assertThat(stored.stageDetails().get(0).stage()).isEqualTo("compile");
    assertThat(stored.stageDetails().get(0).status()).isEqualTo("completed");
    assertThat(stored.stageDetails().get(0).durationSeconds()).isEqualTo(1.5);
    assertThat(stored.recallAt100()).isEqualTo(0.5);
    assertThat(stored.artifacts()).containsEntry("model", "file:/tmp/model");
  }

  @Test
  void shouldRecordFailureWithStageAndReason() {
    StoredRun run = runs.create(fixtures.newRun("failing", "failure-model"));

    projection.project(progress(run.id(), RunStatus.FAILED, 0, "data_validation"));

    StoredRun stored = runs.find(run.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo("failed");
    assertThat(stored.errorStage()).isEqualTo("train");
    assertThat(stored.errorMessage()).isEqualTo("column 'city' is missing");
    assertThat(stored.errorDetails().get("reason").asText()).isEqualTo("data_validation");
  }

  @Test
  void shouldReplaceARepeatedEpochInsteadOfAddingARow() {
    StoredRun run = runs.create(fixtures.newRun("epochs", "epoch-model"));
    RunProgress progress = progress(run.id(), RunStatus.RUNNING, 2, null);

    projection.projectWithEpochs(progress, List.of(epoch(1, 5.0), epoch(2, 4.0)));
    projection.projectWithEpochs(progress, List.of(epoch(2, 3.5)));

    List<EpochMetrics> history = metrics.history(run.id());
    assertThat(history).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    assertThat(history.get(1).trainLoss()).isEqualTo(3.5);
  }

  @Test
  void shouldFilterSearchAndPage() {
    runs.create(fixtures.newRun("alpha-search", "listing-model"));
    runs.create(fixtures.newRun("beta-search", "listing-model"));
    StoredRun gamma = runs.create(fixtures.newRun("gamma-other", "listing-model"));
    projection.project(progress(gamma.id(), RunStatus.RUNNING, 1, null));

    RunPage searched = runs.list(new RunFilter(null, null, "-search", 0, 10));
    assertThat(searched.items()).extracting(StoredRun::name).containsExactly("beta-search", "alpha-search");

    RunPage running = runs.list(new RunFilter("running", "retrieval", null, 0, 10));
    assertThat(running.items()).extracting(StoredRun::id).contains(gamma.id());
    assertThat(running.items()).allMatch(r -> r.status().equals("running"));

    RunPage page = runs.list(new RunFilter(null, null, "listing-model", 1, 2));
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items()).hasSize(1);
  }

  @Test
  void shouldKeepOneTestRowBesideTheValidationEpochs() {
    StoredRun run = runs.create(fixtures.newRun("tested", "test-row-model"));
    projection.projectWithEpochs(progress(run.id(), RunStatus.RUNNING, 3, null), List.of(epoch(1, 5.0), epoch(2, 4.0), epoch(3, 4.5)));

    projection.project(evaluated(progress(run.id(), RunStatus.COMPLETED, 3, null), evaluation("recall_at_100", 0.41, 2)));
    projection.project(evaluated(progress(run.id(), RunStatus.COMPLETED, 3, null), evaluation("recall_at_100", 0.41, 2)));

    assertThat(metrics.history(run.id())).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    TestSplitMetrics test = metrics.testMetrics(run.id()).orElseThrow();
    assertThat(test.epoch()).isEqualTo(2);
    assertThat(test.recallAt100()).isEqualTo(0.41);
    assertThat(test.loss()).isEqualTo(6.0);
  }

  @Test
  void shouldRankCompletedExperimentsByTheirPrimaryMetricAndCompareARunWithItsExperiment() {
    StoredRun weak = experiment("exp-weak", 0.30);
    StoredRun strong = experiment("exp-strong", 0.42);
    StoredRun unfinished = runs.create(experimentRun("exp-running"));
    projection.project(progress(unfinished.id(), RunStatus.RUNNING, 1, null));

    List<ExperimentSummary> top = runs.topExperiments("retrieval", 5);

    assertThat(top).extracting(ExperimentSummary::id).containsSubsequence(strong.id(), weak.id()).doesNotContain(unfinished.id());
    assertThat(top.get(0).metric()).isEqualTo("recall_at_100");
    assertThat(runs.list(new RunFilter(null, null, null, 0, 100, "experiment")).items()).allMatch(r -> r.runKind().equals("experiment"));

    NewRun fromExperiment = fixtures.newRun("from-exp", "exp-model");
    StoredRun training =
        runs.create(
            new NewRun(fromExperiment.name(), null, "exp-model", "retrieval", fromExperiment.datasetId(), fromExperiment.featureConfigId(),
                fromExperiment.modelConfigId(), fromExperiment.trainingParams(), fromExperiment.gpuConfig(),
                fromExperiment.evaluatorConfig(), fromExperiment.deploymentConfig(), RunStatus.PENDING, "training", strong.id()));
    projection.project(evaluated(progress(training.id(), RunStatus.COMPLETED, 3, null), evaluation("recall_at_100", 0.45, 3)));

    StoredRun stored = runs.find(training.id()).orElseThrow();
    assertThat(stored.baseExperimentId()).isEqualTo(strong.id());
    assertThat(stored.comparison().get("experiment_id").asLong()).isEqualTo(strong.id());
    assertThat(stored.comparison().get("experiment_value").asDouble()).isEqualTo(0.42);
    assertThat(stored.comparison().get("delta").asDouble()).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(stored.comparison().get("better").asBoolean()).isTrue();
  }

  private StoredRun experiment(String name, double recall) {
    StoredRun run = runs.create(experimentRun(name));
    projection.project(evaluated(progress(run.id(), RunStatus.COMPLETED, 3, null), evaluation("recall_at_100", recall, 3)));
    return runs.find(run.id()).orElseThrow();
  }

  private NewRun experimentRun(String name) {
    NewRun base = fixtures.newRun(name, "exp-model");
    return new NewRun(
        base.name(), null, base.mlModelName(), "retrieval", base.datasetId(), base.featureConfigId(), base.modelConfigId(),
        base.trainingParams(), base.gpuConfig(), base.evaluatorConfig(), base.deploymentConfig(), RunStatus.PENDING,
        "experiment", null);
  }

  private static EvaluationResult evaluation(String metric, double value, int epoch) {
    return new EvaluationResult(
        metric, value, 0.0, true, Map.of("loss", 6.0, metric, value), Map.of(metric, 0.3), 100, "file:/tmp/evaluation.json",
        "retrieval", Map.of(metric, value / 0.3 - 1), null, epoch);
  }

  private static RunProgress evaluated(RunProgress p, EvaluationResult evaluation) {
    return new RunProgress(
        p.runId(), p.status(), p.currentStage(), p.stages(), p.currentEpoch(), p.totalEpochs(), p.progressPercent(),
        p.latestEpoch(), evaluation, p.registration(), p.deployment(), p.datasetVersion(), p.configSha256(), p.artifacts(),
        p.errorMessage(), p.errorStage(), p.errorReason(), p.startedAtMillis(), 5000L, p.training(), p.outputs());
  }

  @Test
  void shouldKeepDataAcrossARestart() {
    StoredRun run = runs.create(fixtures.newRun("durable", "restart-model"));

    postgres.restart();
    runs = new TrainingRunRepository(postgres.dsl());

    assertThat(runs.find(run.id())).isPresent();
  }

  private static EpochMetrics epoch(int epoch, double loss) {
    return new EpochMetrics(epoch, loss, loss + 1, 0.1, 0.2, 0.3, 0.5, 0.1, 1000, 2);
  }

  private static RunProgress progress(long runId, RunStatus status, int epoch, String errorReason) {
    List<StageDetail> stages = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      stages.add(
          stage == Stage.COMPILE
              ? new StageDetail(stage, StageStatus.COMPLETED, 1000L, 2500L, 1, "ok")
              : StageDetail.pending(stage));
    }
    return new RunProgress(
        runId,
        status,
        Stage.TRAIN,
        stages,
        epoch,
        3,
        40,
        epoch > 0 ? epoch(epoch, 2.0) : null,
        null,
        null,
        null,
        1,
        "abc",
        Map.of("model", "file:/tmp/model"),
        errorReason == null ? null : "column 'city' is missing",
        errorReason == null ? null : Stage.TRAIN,
        errorReason,
        1000L,
        null,
        TrainingStats.none(),
        StageOutputs.none());
  }
}
