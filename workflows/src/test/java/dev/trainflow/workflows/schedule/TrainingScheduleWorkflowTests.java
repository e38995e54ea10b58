package dev.trainflow.workflows.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.workflows.PayloadConverters;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.pipeline.PipelineStatus;
import dev.trainflow.workflows.run.HistoryRecorder;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ScheduleSpec;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The schedule workflow on Temporal's test environment, skipping time, with scripted runs. */
class TrainingScheduleWorkflowTests {
  /** A Friday noon UTC; Europe/Berlin moves to summer time on Sunday 2025-03-30. */
  private static final Instant FRIDAY_NOON = Instant.parse("2025-03-28T12:00:00Z");
  private static final long SCHEDULE_ID = 7;
  /** Two seconds late counts as missed, so a worker outage fits in a few real seconds. */
  private static final ScheduleTuning SHORT_TOLERANCE = new ScheduleTuning(null, 2_000L);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkerFactory restartedWorkers;
  private FakeScheduleRecords records;
  private final List<String> recordedWorkflows = new ArrayList<>();

  @BeforeEach
  void setUp() {
    ScriptedTrainingRun.SCRIPTS.clear();
    ScriptedPipelineRun.SCRIPTS.clear();
    records = new FakeScheduleRecords();
  }

  @AfterEach
  void tearDown(TestInfo test) {
    recordedWorkflows.forEach(id -> HistoryRecorder.record(client, id, "schedule-" + test.getTestMethod().orElseThrow().getName()));
    if (restartedWorkers != null) {
      restartedWorkers.shutdownNow();
    }
    env.close();
  }

  @Test
  void shouldFireDailyAtTheSameLocalTimeAcrossADaylightSavingChange() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "Europe/Berlin"), SchedulePolicies.defaults());
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    env.sleep(Duration.ofDays(3));

    // 09:00 CET is 08:00 UTC; from Sunday on, 09:00 CEST is 07:00 UTC.
    assertThat(records.fireTimes())
        .containsExactly(
            millis("2025-03-29T08:00:00Z"), millis("2025-03-30T07:00:00Z"), millis("2025-03-31T07:00:00Z"));
    records.created.forEach(run -> assertThat(run.createdAtMillis()).isCloseTo(run.fireAtMillis(), within(60_000L)));
    ScheduleProgress progress = awaitProgress(schedule, p -> p.successfulRuns() == 3);
    assertThat(progress.nextFireAtMillis()).isEqualTo(millis("2025-04-01T07:00:00Z"));
    assertThat(progress.totalRuns()).isEqualTo(3);
    schedule.cancel(false);
  }

  @Test
  void shouldSkipFiresWhilePausedAndResumeWithTheNextTime() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults());
    env.sleep(Duration.ofHours(22)); // Saturday 10:00: one fire

    ScheduleProgress paused = schedule.pause("maintenance");
    assertThat(paused.status()).isEqualTo(ScheduleStatus.PAUSED);
    assertThat(paused.pausedReason()).isEqualTo("maintenance");
    env.sleep(Duration.ofDays(2)); // Sunday and Monday 09:00 pass while paused

    ScheduleProgress resumed = schedule.resume();

    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"));
    assertThat(resumed.status()).isEqualTo(ScheduleStatus.ACTIVE);
    assertThat(resumed.nextFireAtMillis()).isEqualTo(millis("2025-04-01T09:00:00Z"));
    assertThat(resumed.skippedFires()).isEqualTo(2);
    env.sleep(Duration.ofDays(1));
    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"), millis("2025-04-01T09:00:00Z"));
    assertThat(records.lastProjection().status()).isEqualTo(ScheduleStatus.ACTIVE);
    schedule.cancel(false);
  }

  @Test
  void shouldCatchUpFiresMissedWhilePausedWithOneRunWhenAsked() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.daily("09:00", "UTC"), new SchedulePolicies(null, SchedulePolicies.CATCH_UP_RUN_ONCE, null));
    schedule.pause(null);
    env.sleep(Duration.ofDays(3)); // Saturday, Sunday and Monday 09:00 missed

    ScheduleProgress resumed = schedule.resume();

    assertThat(records.fireTimes()).containsExactly(millis("2025-03-31T09:00:00Z"));
    assertThat(records.created.get(0).createdAtMillis()).isCloseTo(millis("2025-03-31T12:00:00Z"), within(60_000L));
    assertThat(resumed.skippedFires()).isEqualTo(2);
    assertThat(resumed.totalRuns()).isEqualTo(1);
    assertThat(resumed.nextFireAtMillis()).isEqualTo(millis("2025-04-01T09:00:00Z"));
    schedule.cancel(false);
  }

  @Test
  void shouldFireOnceImmediatelyWhenTriggered() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.weekly(List.of("monday"), "02:00", "UTC"), SchedulePolicies.defaults());
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    ScheduleProgress triggered = schedule.trigger();

    assertThat(records.created).hasSize(1);
    assertThat(records.created.get(0).fireAtMillis()).isCloseTo(FRIDAY_NOON.toEpochMilli(), within(60_000L));
    assertThat(triggered.totalRuns()).isEqualTo(1);
    assertThat(triggered.runningRunIds()).containsExactly(1L);
    assertThat(triggered.nextFireAtMillis()).isEqualTo(millis("2025-03-31T02:00:00Z"));
    env.sleep(Duration.ofHours(1));
    assertThat(awaitProgress(schedule, p -> p.successfulRuns() == 1).lastRunStatus()).isEqualTo("completed");
    assertThat(records.created).hasSize(1);
    schedule.cancel(false);
  }

  @Test
  void shouldNotStartASecondRunWhileOneRunsWithOverlapSkip() {
    startEnvironment(FRIDAY_NOON);
    ScriptedTrainingRun.SCRIPTS.put(1L, new ScriptedTrainingRun.Script(Duration.ofHours(36), RunStatus.COMPLETED));
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults());

    env.sleep(Duration.ofHours(46)); // Saturday 09:00 starts run 1 (36 h); Sunday 09:00 comes while it runs

    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"));
    ScheduleProgress progress = schedule.progress();
    assertThat(progress.skippedFires()).isEqualTo(1);
    assertThat(progress.runningRunIds()).containsExactly(1L);
    assertThatThrownBy(schedule::trigger)
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("overlap_policy is skip");
    env.sleep(Duration.ofHours(24)); // run 1 ended Sunday 21:00; Monday 09:00 fires
    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"), millis("2025-03-31T09:00:00Z"));
    schedule.cancel(false);
  }

  @Test
  void shouldStartTheBufferedFireWhenTheRunningRunEnds() {
    startEnvironment(FRIDAY_NOON);
    ScriptedTrainingRun.SCRIPTS.put(1L, new ScriptedTrainingRun.Script(Duration.ofHours(36), RunStatus.COMPLETED));
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.daily("09:00", "UTC"), new SchedulePolicies(SchedulePolicies.OVERLAP_BUFFER_ONE, null, null));
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    env.sleep(Duration.ofHours(58)); // run 1 Saturday 09:00 → Sunday 21:00; Sunday 09:00 buffered till then

    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"), millis("2025-03-30T09:00:00Z"));
    assertThat(records.created.get(1).createdAtMillis()).isCloseTo(millis("2025-03-30T21:00:00Z"), within(60_000L));
    assertThat(awaitProgress(schedule, p -> p.successfulRuns() == 2).skippedFires()).isZero();
    schedule.cancel(false);
  }

  @Test
  void shouldStartRunsSideBySideWithOverlapAllow() {
    startEnvironment(FRIDAY_NOON);
    ScriptedTrainingRun.SCRIPTS.put(1L, new ScriptedTrainingRun.Script(Duration.ofHours(36), RunStatus.COMPLETED));
    ScriptedTrainingRun.SCRIPTS.put(2L, new ScriptedTrainingRun.Script(Duration.ofHours(36), RunStatus.COMPLETED));
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.daily("09:00", "UTC"), new SchedulePolicies(SchedulePolicies.OVERLAP_ALLOW, null, null));

    env.sleep(Duration.ofHours(46));

    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"), millis("2025-03-30T09:00:00Z"));
    assertThat(schedule.progress().runningRunIds()).containsExactly(1L, 2L);
    schedule.cancel(false);
  }

  @Test
  void shouldCountSuccessesAndFailuresAndMarkThreeFailuresInARowDegraded() {
    startEnvironment(FRIDAY_NOON);
    script(1, RunStatus.COMPLETED);
    script(2, RunStatus.FAILED);
    script(3, RunStatus.NOT_BLESSED);
    script(4, RunStatus.FAILED);
    script(5, RunStatus.COMPLETED);
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults());
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    env.sleep(Duration.ofDays(4)); // runs 1-4

    ScheduleProgress degraded = awaitProgress(schedule, p -> p.totalRuns() == 4 && p.runningRunIds().isEmpty());
    assertThat(degraded.successfulRuns()).isEqualTo(1);
    assertThat(degraded.failedRuns()).isEqualTo(3);
    assertThat(degraded.consecutiveFailures()).isEqualTo(3);
    assertThat(degraded.degraded()).isTrue();
    assertThat(degraded.successRate()).isEqualTo(0.25);
    assertThat(degraded.lastRunStatus()).isEqualTo("failed");
    assertThat(degraded.status()).isEqualTo(ScheduleStatus.ACTIVE);
    assertThat(records.projections).anyMatch(p -> p.degraded() && p.failedRuns() == 3);

    env.sleep(Duration.ofDays(1)); // run 5 succeeds
    ScheduleProgress recovered = awaitProgress(schedule, p -> p.successfulRuns() == 2);
    assertThat(recovered.degraded()).isFalse();
    assertThat(recovered.consecutiveFailures()).isZero();
    assertThat(recovered.successRate()).isEqualTo(0.4);
    assertThat(recovered.lastRunStatus()).isEqualTo("completed");
    schedule.cancel(false);
  }

  @Test
  void shouldPauseAfterTheConfiguredNumberOfConsecutiveFailures() {
    startEnvironment(FRIDAY_NOON);
    script(1, RunStatus.FAILED);
    script(2, RunStatus.FAILED);
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.daily("09:00", "UTC"), new SchedulePolicies(null, null, 2));

    env.sleep(Duration.ofDays(4));

    ScheduleProgress progress = schedule.progress();
    assertThat(progress.status()).isEqualTo(ScheduleStatus.PAUSED);
    assertThat(progress.pausedReason()).contains("2 consecutive failed runs");
    assertThat(records.created).hasSize(2);
    schedule.cancel(false);
  }

  @Test
  void shouldKeepItsStateAcrossContinueAsNew() {
    startEnvironment(FRIDAY_NOON);
    script(2, RunStatus.FAILED);
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults(), new ScheduleTuning(60, null));
    String firstRunId = WorkflowStub.fromTyped(schedule).getExecution().getRunId();
    schedule.pause("a while");
    schedule.resume();

    env.sleep(Duration.ofDays(8));

    WorkflowStub current = client.newUntypedWorkflowStub(TrainingScheduleInput.workflowId(SCHEDULE_ID));
    assertThat(current.describe().getExecution().getRunId()).isNotEqualTo(firstRunId);
    ScheduleProgress progress =
        awaitProgress(client.newWorkflowStub(TrainingScheduleWorkflow.class, TrainingScheduleInput.workflowId(SCHEDULE_ID)),
            p -> p.totalRuns() == 8 && p.runningRunIds().isEmpty());
    assertThat(progress.successfulRuns()).isEqualTo(7);
    assertThat(progress.failedRuns()).isEqualTo(1);
    assertThat(progress.nextFireAtMillis()).isEqualTo(millis("2025-04-06T09:00:00Z"));
    assertThat(records.fireTimes()).hasSize(8).doesNotHaveDuplicates();
    assertThat(progress.revision()).isGreaterThan(records.projections.get(0).revision());
    client.newWorkflowStub(TrainingScheduleWorkflow.class, TrainingScheduleInput.workflowId(SCHEDULE_ID)).cancel(false);
  }

  @Test
  void shouldHandleTheFireMissedWhileNoWorkerRanPerTheCatchUpPolicy() {
    startEnvironmentWithoutWorkers(FRIDAY_NOON);
    WorkerFactory first = startWorkers();
    TrainingScheduleWorkflow schedule =
        start(
            ScheduleSpec.daily("09:00", "UTC"),
            new SchedulePolicies(null, SchedulePolicies.CATCH_UP_RUN_ONCE, null),
            SHORT_TOLERANCE);
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));
    env.sleep(Duration.ofHours(22)); // Saturday 09:00 fires on time
    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"));

    stop(first);
    // Sunday 09:00 passes with no worker. Its workflow task then waits for one, which holds the
    // test server's clock to real time: the last seconds of this sleep are real.
    env.sleep(Duration.ofHours(23).plusSeconds(3));
    restartedWorkers = startWorkers();

    ScheduleProgress progress = awaitProgress(schedule, p -> p.totalRuns() == 2);
    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T09:00:00Z"), millis("2025-03-30T09:00:00Z"));
    assertThat(records.created.get(1).createdAtMillis()).isGreaterThan(millis("2025-03-30T09:00:02Z"));
    assertThat(progress.skippedFires()).isZero();
    assertThat(progress.nextFireAtMillis()).isEqualTo(millis("2025-03-31T09:00:00Z"));
    schedule.cancel(false);
  }

  @Test
  void shouldSkipTheFireMissedWhileNoWorkerRanByDefault() {
    startEnvironmentWithoutWorkers(FRIDAY_NOON);
    WorkerFactory first = startWorkers();
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults(), SHORT_TOLERANCE);
    assertThat(schedule.progress().nextFireAtMillis()).isEqualTo(millis("2025-03-29T09:00:00Z"));
    env.sleep(Duration.ofHours(1)); // the start's projection done: nothing left for a worker

    stop(first);
    env.sleep(Duration.ofHours(20).plusSeconds(3)); // Saturday 09:00 passes with no worker
    restartedWorkers = startWorkers();

    ScheduleProgress progress = awaitProgress(schedule, p -> p.skippedFires() == 1);
    assertThat(records.created).isEmpty();
    assertThat(progress.nextFireAtMillis()).isEqualTo(millis("2025-03-30T09:00:00Z"));
    env.sleep(Duration.ofDays(1));
    assertThat(records.fireTimes()).containsExactly(millis("2025-03-30T09:00:00Z"));
    schedule.cancel(false);
  }

  @Test
  void shouldLeaveTheRunningRunAloneWhenCancelledUnlessAsked() {
    startEnvironment(FRIDAY_NOON);
    ScriptedTrainingRun.SCRIPTS.put(1L, new ScriptedTrainingRun.Script(Duration.ofHours(10), RunStatus.COMPLETED));
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults());
    schedule.trigger();

    ScheduleProgress cancelled = schedule.cancel(false);

    assertThat(cancelled.status()).isEqualTo(ScheduleStatus.CANCELLED);
    assertThat(cancelled.nextFireAtMillis()).isNull();
    // before waiting on the schedule: that wait lets time skip to the run's own end
    assertThat(status(TrainingRunInput.workflowId(1))).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(WorkflowStub.fromTyped(schedule).getResult(ScheduleProgress.class).status()).isEqualTo(ScheduleStatus.CANCELLED);
    assertThat(records.releasedSchedules).containsExactly(SCHEDULE_ID);
    assertThatThrownBy(schedule::trigger).isInstanceOf(RuntimeException.class);
  }

  @Test
  void shouldCancelTheRunningRunWhenCancelledWithCancelRunning() {
    startEnvironment(FRIDAY_NOON);
    ScriptedTrainingRun.SCRIPTS.put(1L, new ScriptedTrainingRun.Script(Duration.ofHours(10), RunStatus.COMPLETED));
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults());
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));
    schedule.trigger();

    schedule.cancel(true);
    ScheduleProgress result = WorkflowStub.fromTyped(schedule).getResult(ScheduleProgress.class);

    RunProgress run = client.newUntypedWorkflowStub(TrainingRunInput.workflowId(1)).getResult(RunProgress.class);
    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(result.status()).isEqualTo(ScheduleStatus.CANCELLED);
    assertThat(result.cancelledRuns()).isEqualTo(1);
    assertThat(result.runningRunIds()).isEmpty();
  }

  @Test
  void shouldFireAOnceScheduleAndCompleteWhenItsRunEnds() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.once("2025-03-29T02:00", "Europe/Berlin"), SchedulePolicies.defaults());
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    ScheduleProgress result = WorkflowStub.fromTyped(schedule).getResult(ScheduleProgress.class);

    assertThat(records.fireTimes()).containsExactly(millis("2025-03-29T01:00:00Z"));
    assertThat(result.status()).isEqualTo(ScheduleStatus.COMPLETED);
    assertThat(result.successfulRuns()).isEqualTo(1);
    assertThat(result.nextFireAtMillis()).isNull();
  }

  @Test
  void shouldBringAOnceFireForwardWhenTriggered() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.once("2025-04-10T02:00:00Z", "UTC"), SchedulePolicies.defaults());

    ScheduleProgress triggered = schedule.trigger();

    assertThat(records.fireTimes()).containsExactly(millis("2025-04-10T02:00:00Z"));
    assertThat(records.created.get(0).createdAtMillis()).isCloseTo(FRIDAY_NOON.toEpochMilli(), within(60_000L));
    assertThat(triggered.nextFireAtMillis()).isNull();
    assertThat(WorkflowStub.fromTyped(schedule).getResult(ScheduleProgress.class).status()).isEqualTo(ScheduleStatus.COMPLETED);
    assertThat(records.created).hasSize(1);
  }

  @Test
  void shouldComputeTheNextFireFromANewSpec() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule = start(ScheduleSpec.daily("09:00", "UTC"), SchedulePolicies.defaults());
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    ScheduleProgress updated = schedule.updateSpec(ScheduleSpec.cron("30 18 * * fri", "America/New_York"));

    assertThat(updated.spec().cron()).isEqualTo("30 18 * * fri");
    assertThat(updated.nextFireAtMillis()).isEqualTo(millis("2025-03-28T22:30:00Z")); // 18:30 EDT
    assertThatThrownBy(() -> schedule.updateSpec(ScheduleSpec.cron("61 * * * *", "UTC")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("schedule.cron");
    env.sleep(Duration.ofHours(11));
    assertThat(records.fireTimes()).containsExactly(millis("2025-03-28T22:30:00Z"));
    schedule.cancel(false);
  }

  @Test
  void shouldBackfillAPastWindowOneRunAfterAnother() {
    startEnvironment(FRIDAY_NOON);
    TrainingScheduleWorkflow schedule =
        start(ScheduleSpec.daily("09:00", "UTC"), new SchedulePolicies(SchedulePolicies.OVERLAP_SKIP, null, null));

    ScheduleProgress queued =
        schedule.backfill(new BackfillRequest(millis("2025-03-25T00:00:00Z"), millis("2025-03-28T00:00:00Z")));
    assertThat(queued.totalRuns() + queued.backfillFireAtMillis().size()).isEqualTo(3);
    env.sleep(Duration.ofHours(2));

    assertThat(records.fireTimes())
        .containsExactly(millis("2025-03-25T09:00:00Z"), millis("2025-03-26T09:00:00Z"), millis("2025-03-27T09:00:00Z"));
    assertThat(records.created.get(1).createdAtMillis() - records.created.get(0).createdAtMillis())
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    assertThatThrownBy(() -> schedule.backfill(new BackfillRequest(FRIDAY_NOON.toEpochMilli(), millis("2025-04-28T00:00:00Z"))))
        .isInstanceOf(WorkflowUpdateException.class);
    schedule.cancel(false);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void startEnvironment(Instant initialTime) {
    startEnvironmentWithoutWorkers(initialTime);
    Worker worker = env.newWorker(TaskQueues.ORCHESTRATION, workerOptions());
    register(worker);
    env.start();
  }

  private void startEnvironmentWithoutWorkers(Instant initialTime) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(initialTime)
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(PayloadConverters.dataConverter()).build())
                .build());
    client = env.getWorkflowClient();
    records.env(env);
  }

  /** Workers this test can stop, as a process restart would. */
  private WorkerFactory startWorkers() {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    register(factory.newWorker(TaskQueues.ORCHESTRATION, workerOptions()));
    factory.start();
    return factory;
  }

  private static void stop(WorkerFactory workers) {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldFirePipelineRunsAndCountPartialSuccessAsAFailedFire() {
    startEnvironment(FRIDAY_NOON);
    records.refusedFires.add(millis("2025-03-31T09:00:00Z"));
    ScriptedPipelineRun.SCRIPTS.put(502L, PipelineStatus.PARTIALLY_SUCCEEDED);
    TrainingScheduleWorkflow schedule =
        start(new TrainingScheduleInput(SCHEDULE_ID, "nightly-f1", ScheduleSpec.daily("09:00", "UTC").normalized(), null, new SchedulePolicies(null, null, null), null, null, 42L));
    recordedWorkflows.add(TrainingScheduleInput.workflowId(SCHEDULE_ID));

    env.sleep(Duration.ofDays(3)); // Saturday, Sunday and Monday 09:00

    assertThat(records.created).as("no training run of its own").isEmpty();
    assertThat(records.createdPipelineRuns).extracting(FakeScheduleRecords.CreatedRun::fireAtMillis)
        .containsExactly(millis("2025-03-29T09:00:00Z"), millis("2025-03-30T09:00:00Z"), millis("2025-03-31T09:00:00Z"));
    assertThat(status("training-pipeline-run-501")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(status("training-pipeline-run-502")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(records.pipelineRunsNotStarted).isEmpty();
    ScheduleProgress progress = awaitProgress(schedule, p -> p.successfulRuns() + p.failedRuns() == 3);
    assertThat(progress.successfulRuns()).isEqualTo(1);
    assertThat(progress.failedRuns()).as("a partial success and a fire refused by depends_on").isEqualTo(2);
    assertThat(progress.lastRunId()).isEqualTo(503L);
    assertThatThrownBy(() -> schedule.cancel(true)).isInstanceOf(WorkflowUpdateException.class);
    schedule.cancel(false);
  }

  private void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(TrainingScheduleWorkflowImpl.class, ScriptedTrainingRun.class, ScriptedPipelineRun.class);
    worker.registerActivitiesImplementations(records);
  }

  /** As on the embedded server: a stopped worker's sticky queue must not hold its workflows. */
  private static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  }

  private TrainingScheduleWorkflow start(ScheduleSpec spec, SchedulePolicies policies) {
    return start(spec, policies, null);
  }

  private TrainingScheduleWorkflow start(ScheduleSpec spec, SchedulePolicies policies, ScheduleTuning tuning) {
    return start(new TrainingScheduleInput(SCHEDULE_ID, "weekly-recs", spec.normalized(), template(), policies, null, tuning));
  }

  private TrainingScheduleWorkflow start(TrainingScheduleInput input) {
    TrainingScheduleWorkflow schedule =
        client.newWorkflowStub(
            TrainingScheduleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TrainingScheduleInput.workflowId(SCHEDULE_ID))
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .build());
    WorkflowClient.start(schedule::run, input);
    return schedule;
  }

  static RunTemplate template() {
    return new RunTemplate(
        "recs", "retrieval", null, 1, 1, 1,
        new TrainingParams(1, 1024, null, null, null, null, null, null, null, null).withDefaults(null),
        GpuConfig.cpu(), EvaluatorConfig.empty().withDefaults(), DeploymentConfig.registerOnly().withDefaults());
  }

  private static void script(long runId, RunStatus outcome) {
    ScriptedTrainingRun.SCRIPTS.put(runId, new ScriptedTrainingRun.Script(Duration.ofMinutes(30), outcome));
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
  }

  /** The query answer once it satisfies {@code done}: the last workflow task may still be on its way. */
  private static ScheduleProgress awaitProgress(TrainingScheduleWorkflow schedule, Predicate<ScheduleProgress> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    ScheduleProgress progress = schedule.progress();
    while (!done.test(progress) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      progress = schedule.progress();
    }
    assertThat(done.test(progress)).as("schedule progress %s", progress).isTrue();
    return progress;
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
