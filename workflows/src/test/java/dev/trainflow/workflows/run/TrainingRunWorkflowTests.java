package dev.trainflow.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.workflows.activities.EpochMetrics;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingRunWorkflowTests {
  private RunWorkflowTestEnvironment runtime;
  private WorkflowClient client;
  private List<String> calls;
  private FakeRunRecords records;
  private FakeStageActivities stages;
  private FakeTrainer trainer;

  @BeforeEach
  void setUp() {
    runtime = new RunWorkflowTestEnvironment(c -> trainer = new FakeTrainer(c));
    client = runtime.client;
    calls = runtime.calls;
    records = runtime.records;
    stages = runtime.stages;
  }

  @AfterEach
  void tearDown(org.junit.jupiter.api.TestInfo test) {
    runtime.recordHistories(test.getTestMethod().orElseThrow().getName());
    runtime.close();
  }

  @Test
  void shouldRunTheStagesInOrderAndComplete() {
    RunProgress result = stub(1).run(RunInputs.sample(1, 3, 1));

    assertThat(calls)
        .containsExactly(
            "compile", "examples", "dataset_version", "statistics", "schema", "transform", "evaluate", "register", "deploy");
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.progressPercent()).isEqualTo(100);
    assertThat(result.stages()).extracting(StageDetail::stage).containsExactly(Stage.values());
    assertThat(result.stages()).allMatch(s -> s.status() == StageStatus.COMPLETED && s.durationSeconds() != null);
    assertThat(result.registration().modelVersion()).isEqualTo(1);
    assertThat(result.datasetVersion()).isEqualTo(1);
    assertThat(result.configSha256()).isEqualTo("0123abcd");
    assertThat(result.artifacts()).containsKeys("config_snapshot", "examples_train", "transform", "model", "evaluation");
    assertThat(records.recordedEpochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(records.last()).usingRecursiveComparison().ignoringFields("outputs").isEqualTo(result);
  }

  @Test
  void shouldProjectEachStageAsItStartsAndEnds() {
    stub(2).run(RunInputs.sample(2, 2, 1));

    List<RunProgress> trainStarted =
        records.projections.stream().filter(p -> p.currentStage() == Stage.TRAIN && p.currentEpoch() == 0).toList();
    assertThat(trainStarted).isNotEmpty();
    assertThat(trainStarted.get(0).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(records.projections.get(0).status()).isEqualTo(RunStatus.SUBMITTING);
  }

  @Test
  void shouldAnswerProgressWhileTraining() throws Exception {
    trainer.hangAtEpoch = 3;
    TrainingRunWorkflow run = stub(3);
    WorkflowClient.start(run::run, RunInputs.sample(3, 5, 1));
    assertThat(trainer.started.await(30, TimeUnit.SECONDS)).isTrue();

    RunProgress progress = awaitProgress(run, p -> p.currentEpoch() == 2);

    assertThat(progress.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(progress.currentStage()).isEqualTo(Stage.TRAIN);
    assertThat(progress.totalEpochs()).isEqualTo(5);
    assertThat(progress.latestEpoch().epoch()).isEqualTo(2);
    // compile..transform (15) + 2/5 of train (30)
    assertThat(progress.progressPercent()).isEqualTo(45);
    run.cancel("done looking");
  }

  @Test
  void shouldCancelTrainingOnTheCancelSignalAndKeepWhatItDid() throws Exception {
    trainer.hangAtEpoch = 2;
    TrainingRunWorkflow run = stub(4);
    WorkflowClient.start(run::run, RunInputs.sample(4, 5, 1));
    awaitProgress(run, p -> p.currentEpoch() == 1);

    run.cancel("user asked");
    RunProgress result = WorkflowStub.fromTyped(run).getResult(RunProgress.class);

    assertThat(trainer.sawCancellation).isTrue();
    assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
    StageDetail train = result.stages().get(Stage.TRAIN.ordinal());
    assertThat(train.status()).isEqualTo(StageStatus.CANCELLED);
    assertThat(train.message()).contains("user asked");
    assertThat(result.stages().get(Stage.EVALUATE.ordinal()).status()).isEqualTo(StageStatus.PENDING);
    assertThat(calls).doesNotContain("evaluate");
    assertThat(records.last().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(records.recordedEpochs).extracting(EpochMetrics::epoch).containsExactly(1);
  }

  @Test
  void shouldEndAsCanceledWhenCancelledFromOutside() throws Exception {
    trainer.hangAtEpoch = 1;
    TrainingRunWorkflow run = stub(5);
    WorkflowClient.start(run::run, RunInputs.sample(5, 3, 1));
    assertThat(trainer.started.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub untyped = WorkflowStub.fromTyped(run);
    untyped.cancel();

    assertThatThrownBy(() -> untyped.getResult(RunProgress.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(trainer.sawCancellation).isTrue();
    assertThat(records.last().status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void shouldEndCancelledWhenTheStageItWasCancelledInEnds() throws Exception {
    stages.examplesStarted = new java.util.concurrent.CountDownLatch(1);
    stages.releaseExamples = new java.util.concurrent.CountDownLatch(1);
    TrainingRunWorkflow run = stub(12);
    WorkflowClient.start(run::run, RunInputs.sample(12, 3, 1));
    assertThat(stages.examplesStarted.await(30, TimeUnit.SECONDS)).isTrue();

    // the cancellation arrives while Examples runs; the stage is not interrupted, the run ends after it
    run.cancel("wrong dataset");
    stages.releaseExamples.countDown();
    RunProgress result = WorkflowStub.fromTyped(run).getResult(RunProgress.class);

    assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(result.stages().get(Stage.EXAMPLES.ordinal()).status()).isEqualTo(StageStatus.CANCELLED);
    assertThat(calls).contains("examples").doesNotContain("statistics");
    assertThat(records.last().status()).isEqualTo(RunStatus.CANCELLED);
    // no cancel request for the stage's activity: the request the test server could not take
    assertThat(client.fetchHistory(TrainingRunInput.workflowId(12)).getEvents())
        .noneMatch(e -> e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
  }

  @Test
  void shouldWaitForPushAnywayWhenNotBlessedAndThenRegister() throws Exception {
    stages.blessed = false;
    TrainingRunWorkflow run = stub(6);
    WorkflowClient.start(run::run, RunInputs.sample(6, 1, 1));
    RunProgress waiting = awaitProgress(run, p -> p.status() == RunStatus.NOT_BLESSED);
    assertThat(waiting.evaluation().blessed()).isFalse();
    assertThat(calls).doesNotContain("register");

    run.pushAnyway("ship it");
    RunProgress result = WorkflowStub.fromTyped(run).getResult(RunProgress.class);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(calls).contains("register", "deploy");
  }

  @Test
  void shouldEndNotBlessedWhenNobodyPushes() {
    stages.blessed = false;
    // 0.001 h = 3.6 s of waiting for a push that never comes
    RunProgress result = stub(7).run(RunInputs.sample(7, 1, 0.001));

    assertThat(result.status()).isEqualTo(RunStatus.NOT_BLESSED);
    assertThat(result.stages().get(Stage.REGISTER.ordinal()).status()).isEqualTo(StageStatus.SKIPPED);
    assertThat(result.stages().get(Stage.DEPLOY.ordinal()).status()).isEqualTo(StageStatus.SKIPPED);
    assertThat(calls).doesNotContain("register");
  }

  @Test
  void shouldSurfaceAStageFailureWithItsStageAndReason() {
    stages.failSchemaWith = "column 'city' named by the feature config is missing from the dataset";
    TrainingRunWorkflow run = stub(8);

    assertThatThrownBy(() -> run.run(RunInputs.sample(8, 1, 1)))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(ApplicationFailure.class)
        .cause()
        .satisfies(
            c -> {
              ApplicationFailure failure = (ApplicationFailure) c;
              assertThat(failure.getType()).isEqualTo("data_validation");
              assertThat(failure.getOriginalMessage()).contains("column 'city'");
            });
    RunProgress last = records.last();
    assertThat(last.status()).isEqualTo(RunStatus.FAILED);
    assertThat(last.errorStage()).isEqualTo(Stage.SCHEMA);
    assertThat(last.errorReason()).isEqualTo("data_validation");
    assertThat(last.errorMessage()).contains("column 'city'");
    assertThat(last.stages().get(Stage.SCHEMA.ordinal()).status()).isEqualTo(StageStatus.FAILED);
    // non-retryable: one attempt only
    assertThat(calls.stream().filter("schema"::equals).count()).isEqualTo(1);
    assertThat(calls).doesNotContain("transform");
  }

  private TrainingRunWorkflow stub(long runId) {
    return runtime.stub(runId);
  }

  private static RunProgress awaitProgress(TrainingRunWorkflow run, java.util.function.Predicate<RunProgress> until)
      throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      RunProgress progress = run.progress();
      if (progress != null && until.test(progress)) {
        return progress;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("progress never reached the expected state: " + run.progress());
  }
}
