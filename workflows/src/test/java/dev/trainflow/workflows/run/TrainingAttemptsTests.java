package dev.trainflow.workflows.run;

import static dev.trainflow.workflows.run.ScriptedTrainer.failAfter;
import static dev.trainflow.workflows.run.ScriptedTrainer.finish;
import static dev.trainflow.workflows.run.ScriptedTrainer.loseWorkerAfter;
import static dev.trainflow.workflows.run.ScriptedTrainer.loseWorkerAtStart;
import static dev.trainflow.workflows.run.ScriptedTrainer.loseWorkerWithHeartbeatsBehind;
import static dev.trainflow.workflows.run.ScriptedTrainer.preemptAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.RetryPolicy;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The Train stage's attempts: budgets, resume from checkpoints, fallback, escalation, limits. */
class TrainingAttemptsTests {
  private RunWorkflowTestEnvironment runtime;
  private ScriptedTrainer trainer;

  @BeforeEach
  void setUp() {
    runtime = new RunWorkflowTestEnvironment(client -> trainer = new ScriptedTrainer(client));
  }

  @AfterEach
  void tearDown(TestInfo test) {
    runtime.recordHistories("attempts-" + test.getTestMethod().orElseThrow().getName());
    runtime.close();
  }

  @Test
  void shouldResumeAPreemptedAttemptFromItsCheckpoint() {
    trainer.script(preemptAfter(2), finish());

    RunProgress result = run(1, params(4, policy(0, 10, 3)), GpuConfig.cpu());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(trainer.resumedFrom()).containsExactly(null, "ckpt-2");
    assertThat(trainer.requests).extracting(TrainingRequest::attempt).containsExactly(1, 2);
    assertThat(runtime.records.recordedEpochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4);
    TrainingStats training = result.training();
    assertThat(training.attempts()).isEqualTo(2);
    assertThat(training.preemptions()).isEqualTo(1);
    assertThat(training.errorRetries()).isZero();
    RetryRecord retry = training.retries().get(0);
    assertThat(retry.reason()).isEqualTo("preempted");
    assertThat(retry.checkpointUri()).isEqualTo("ckpt-2");
    assertThat(retry.checkpointEpoch()).isEqualTo(2);
    assertThat(retry.lastEpochReported()).isEqualTo(2);
    assertThat(retry.workerIdentity()).isEqualTo("worker-1");
    StageDetail train = result.stages().get(Stage.TRAIN.ordinal());
    assertThat(train.attempt()).isEqualTo(2);
    assertThat(result.artifacts()).containsEntry("last_checkpoint", "ckpt-4");
    assertThat(training.queueDelaySeconds()).isNotNull();
  }

  @Test
  void shouldNotSpendErrorRetriesOnPreemptions() {
    trainer.script(preemptAfter(1), preemptAfter(2), finish());

    RunProgress result = run(2, params(3, policy(0, 10, 5)), GpuConfig.cpu());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.training().attempts()).isEqualTo(3);
    assertThat(result.training().preemptions()).isEqualTo(2);
    assertThat(trainer.resumedFrom()).containsExactly(null, "ckpt-1", "ckpt-2");
  }

  @Test
  void shouldFallBackToOnDemandAfterPreemptionsInARow() {
    trainer.script(preemptAfter(1), preemptAfter(2), finish());
    GpuConfig spot = new GpuConfig(null, 0, "n1-standard-8", true, false, null);

    RunProgress result = run(3, params(3, policy(0, 10, 2)), spot);

    assertThat(trainer.requests).extracting(r -> r.capacity().preemptible()).containsExactly(true, true, false);
    assertThat(result.training().retries().get(1).capacityChange()).contains("on-demand");
    assertThat(result.training().retries().get(0).capacityChange()).isNull();
    assertThat(result.training().capacity().preemptible()).isFalse();
    // the on-demand attempt is priced without the discount
    assertThat(trainer.requests.get(2).pricePerHourUsd()).isGreaterThan(trainer.requests.get(0).pricePerHourUsd());
  }

  @Test
  void shouldFailWhenPreemptionsExceedTheirBudget() {
    trainer.script(preemptAfter(1), preemptAfter(2), finish());

    ApplicationFailure failure = failure(() -> run(4, params(3, policy(5, 1, 10)), GpuConfig.cpu()));

    assertThat(failure.getType()).isEqualTo("preempted");
    assertThat(failure.getOriginalMessage()).contains("budget of 1");
    assertThat(trainer.requests).hasSize(2);
    RunProgress last = runtime.records.last();
    assertThat(last.status()).isEqualTo(RunStatus.FAILED);
    assertThat(last.errorReason()).isEqualTo("preempted");
    assertThat(last.training().retries()).hasSize(2);
  }

  @Test
  void shouldRetryALostWorkerFromTheLastCheckpoint() {
    trainer.script(loseWorkerAfter(2), finish());

    RunProgress result = run(5, params(4, policy(2, 10, 3)), GpuConfig.cpu());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(trainer.resumedFrom()).containsExactly(null, "ckpt-2");
    RetryRecord retry = result.training().retries().get(0);
    assertThat(retry.reason()).isEqualTo("worker_lost");
    assertThat(retry.lostSeconds()).isEqualTo(0.5);
    assertThat(result.training().errorRetries()).isEqualTo(1);
    assertThat(result.training().gpuSecondsLost()).isEqualTo(0.5);
  }

  @Test
  void shouldRecordTheResumeCheckpointForAWorkerLostBeforeItsFirstHeartbeat() {
    trainer.script(preemptAfter(2), loseWorkerAtStart(), finish());

    RunProgress result = run(15, params(4, policy(2, 10, 3)), GpuConfig.cpu());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(trainer.resumedFrom()).containsExactly(null, "ckpt-2", "ckpt-2");
    RetryRecord lost = result.training().retries().get(1);
    assertThat(lost.reason()).isEqualTo("worker_lost");
    // the attempt resumed from epoch 2 and reported nothing: nothing beyond the checkpoint was lost
    assertThat(lost.checkpointUri()).isEqualTo("ckpt-2");
    assertThat(lost.checkpointEpoch()).isEqualTo(2);
    assertThat(lost.lastEpochReported()).isEqualTo(2);
    assertThat(runtime.records.recordedEpochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4);
  }

  @Test
  void shouldResumeFromTheNewestCheckpointAnEpochReportNamedWhenHeartbeatsLagBehind() {
    trainer.script(loseWorkerWithHeartbeatsBehind(3), finish());

    RunProgress result = run(16, params(5, policy(2, 10, 3)), GpuConfig.cpu());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    // the last heartbeat the server saw named ckpt-1; the epoch reports named ckpt-2 and ckpt-3
    assertThat(trainer.resumedFrom()).containsExactly(null, "ckpt-3");
    RetryRecord lost = result.training().retries().get(0);
    assertThat(lost.checkpointUri()).isEqualTo("ckpt-3");
    assertThat(lost.checkpointEpoch()).isEqualTo(3);
    assertThat(lost.lastEpochReported()).isEqualTo(3);
    assertThat(runtime.records.recordedEpochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void shouldFailWhenErrorRetriesAreUsedUp() {
    trainer.script(failAfter(1, FailureReason.TRANSIENT_IO), failAfter(1, FailureReason.TRANSIENT_IO), finish());

    ApplicationFailure failure = failure(() -> run(6, params(3, policy(1, 10, 3)), GpuConfig.cpu()));

    assertThat(failure.getType()).isEqualTo("transient_io");
    assertThat(failure.getOriginalMessage()).contains("retries are used up");
    assertThat(trainer.requests).hasSize(2);
  }

  @Test
  void shouldTryANonRetryableFailureOnlyOnce() {
    for (FailureReason reason :
        List.of(FailureReason.DATA_VALIDATION, FailureReason.GPU_UNAVAILABLE, FailureReason.TIMEOUT_EXCEEDED,
            FailureReason.COST_LIMIT_EXCEEDED, FailureReason.INVALID_CONFIG)) {
      trainer.requests.clear();
      trainer.script(failAfter(1, reason));
      long runId = 100 + reason.ordinal();

      ApplicationFailure failure = failure(() -> run(runId, params(3, policy(5, 10, 3)), GpuConfig.cpu()));

      assertThat(failure.getType()).isEqualTo(reason.type());
      assertThat(failure.getOriginalMessage()).isEqualTo(reason.type() + " by script");
      assertThat(trainer.requests).as(reason.type()).hasSize(1);
      RunProgress last = runtime.records.last();
      assertThat(last.errorStage()).isEqualTo(Stage.TRAIN);
      assertThat(last.errorMessage()).isEqualTo(reason.type() + " by script");
    }
  }

  @Test
  void shouldEscalateOnceOnOutOfMemoryWhenConfigured() {
    trainer.script(failAfter(0, FailureReason.OUT_OF_MEMORY), finish());
    GpuConfig escalating = new GpuConfig(null, 0, "n1-standard-4", false, true, null);

    RunProgress result = run(7, params(2, policy(0, 0, 3)), escalating);

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(trainer.requests).extracting(r -> r.capacity().machineType()).containsExactly("n1-standard-4", "n1-standard-8");
    assertThat(result.training().retries().get(0).capacityChange())
        .isEqualTo("escalated from n1-standard-4 to n1-standard-8 after out_of_memory");
  }

  @Test
  void shouldNotEscalateTwice() {
    trainer.script(failAfter(0, FailureReason.OUT_OF_MEMORY), failAfter(0, FailureReason.OUT_OF_MEMORY), finish());
    GpuConfig escalating = new GpuConfig("NVIDIA_TESLA_T4", 1, "n1-standard-8", false, true, null);

    ApplicationFailure failure = failure(() -> run(8, params(2, policy(3, 3, 3)), escalating));

    assertThat(failure.getType()).isEqualTo("out_of_memory");
    assertThat(trainer.requests).extracting(r -> r.capacity().gpuType()).containsExactly("NVIDIA_TESLA_T4", "NVIDIA_L4");
  }

  @Test
  void shouldStopRetryingWhenTheRunHasSpentItsBudget() {
    // two epochs of ten hours on n1-standard-4 ($0.19/h) cost $3.80, over the $1 limit
    trainer.script(failAfter(2, FailureReason.TRANSIENT_IO, 36_000), finish());
    TrainingParams limited =
        new TrainingParams(4, 1024, null, null, null, null, null, null, null, null).withResilience(policy(3, 3, 3), null, 2, 1.0);

    ApplicationFailure failure = failure(() -> run(9, limited, GpuConfig.cpu()));

    assertThat(failure.getType()).isEqualTo("cost_limit_exceeded");
    assertThat(trainer.requests).hasSize(1);
    assertThat(trainer.requests.get(0).costBudgetUsd()).isEqualTo(1.0);
    assertThat(runtime.records.last().training().costUsd()).isCloseTo(3.8, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldReuseStageOutputsAndTheCheckpointWhenRetriedFromTheApi() {
    RunProgress first = run(10, params(4, policy(0, 0, 3)), GpuConfig.cpu());
    trainer.requests.clear();
    runtime.calls.clear();
    ResumeState resume = new ResumeState(first.outputs(), "ckpt-3", first.training().attempts(), 1.5);

    RunProgress retried =
        runtime.stub(11).run(RunInputs.resilient(11, params(4, policy(0, 0, 3)), GpuConfig.cpu(), 1, resume));

    assertThat(retried.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(runtime.calls).containsExactly("evaluate", "register", "deploy");
    assertThat(trainer.resumedFrom()).containsExactly("ckpt-3");
    assertThat(trainer.requests.get(0).attempt()).isEqualTo(2);
    assertThat(retried.stages().get(Stage.EXAMPLES.ordinal()).message()).contains("reused");
    assertThat(retried.training().costUsd()).isGreaterThanOrEqualTo(1.5);
    assertThat(first.outputs().transform()).isNotNull();
  }

  private RunProgress run(long runId, TrainingParams params, GpuConfig gpu) {
    return runtime.stub(runId).run(RunInputs.resilient(runId, params, gpu, 1, null));
  }

  private static TrainingParams params(int epochs, RetryPolicy policy) {
    return new TrainingParams(epochs, 1024, null, null, null, null, null, null, null, null).withResilience(policy, null, 2, null);
  }

  private static RetryPolicy policy(int maxRetries, int maxPreemptions, int onDemandAfter) {
    return new RetryPolicy(maxRetries, 0.05, 2.0, 0.2, maxPreemptions, onDemandAfter);
  }

  private static ApplicationFailure failure(Runnable run) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(run::run);
    assertThat(thrown).isInstanceOf(WorkflowFailedException.class).hasCauseInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }
}
