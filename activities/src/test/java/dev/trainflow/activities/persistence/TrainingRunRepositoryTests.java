package dev.trainflow.activities.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.activities.EpochMetrics;
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
