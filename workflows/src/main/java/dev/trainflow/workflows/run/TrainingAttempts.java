package dev.trainflow.workflows.run;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.spec.CapacityLadder;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.RetryPolicy;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The Train stage as workflow logic: one activity call per attempt, each resuming from the last
 * checkpoint the previous one reported. Errors and preemptions have separate budgets; repeated
 * preemptions fall back to on-demand capacity; an {@code out_of_memory} may escalate once to the
 * next larger machine; the run's max runtime and cost limit bound everything.
 */
final class TrainingAttempts {
  private static final Logger log = Workflow.getLogger(TrainingAttempts.class);

  private final TrainingRunWorkflowImpl workflow;
  static final String RETRY_CHECKPOINT_EPOCH = "retry-checkpoint-epoch";

  private final RunState state;
  private final CompiledRun run;
  private final ExamplesResult examples;
  private final TransformResult transform;
  private final TrainingParams params;
  private final RetryPolicy policy;
  private final long deadlineMillis;
  private String checkpointUri;
  /** The epochs {@link #checkpointUri} holds, once a heartbeat said so (null: not known). */
  private Integer checkpointEpoch;
  private GpuConfig capacity;
  private boolean escalated;

  TrainingAttempts(
      TrainingRunWorkflowImpl workflow,
      CompiledRun run,
      ExamplesResult examples,
      TransformResult transform,
      String resumeFromCheckpointUri) {
    this.workflow = workflow;
    this.state = workflow.state();
    this.run = run;
    this.examples = examples;
    this.transform = transform;
    this.params = run.trainingParams();
    this.policy =
        (params.retryPolicy() != null ? params.retryPolicy() : new RetryPolicy(null, null, null, null, null, null))
            .withDefaults();
    int maxRuntimeMinutes =
        params.maxRuntimeMinutes() != null ? params.maxRuntimeMinutes() : TrainingParams.DEFAULT_MAX_RUNTIME_MINUTES;
    this.deadlineMillis = Workflow.currentTimeMillis() + Duration.ofMinutes(maxRuntimeMinutes).toMillis();
    this.checkpointUri = resumeFromCheckpointUri;
    this.capacity = run.gpuConfig();
  }

  TrainingResult run() {
    String note = checkpointUri == null ? null : "resuming from " + checkpointUri;
    while (true) {
      int attempt = state.attempts() + 1;
      checkLimits();
      double price = run.prices().hourly(capacity);
      state.attemptScheduled(attempt, capacity, price, note);
      workflow.project();
      TrainingActivities training =
          Workflow.newActivityStub(
              TrainingActivities.class,
              RunActivityOptions.trainingAttempt(heartbeatTimeoutSeconds(), remaining()));
      TrainingRequest request =
          new TrainingRequest(
              Workflow.getInfo().getWorkflowId(),
              run,
              examples,
              transform,
              checkpointUri,
              attempt,
              capacity,
              deadlineMillis,
              price,
              params.maxCostUsd() == null ? null : params.maxCostUsd() - state.costUsd());
      try {
        return workflow.train(training, request);
      } catch (ActivityFailure failure) {
        if (isCancellation(failure)) {
          throw failure;
        }
        note = retryAfter(attempt, AttemptFailure.of(failure), failure);
      }
    }
  }

  /**
   * Decides whether a failed attempt is retried; records the failure, sleeps the backoff and
   * returns the next attempt's note, or fails the run.
   */
  private String retryAfter(int attempt, AttemptFailure failure, ActivityFailure original) {
    if (failure.checkpointUri() != null) {
      checkpointUri = failure.checkpointUri();
      state.artifact("last_checkpoint", checkpointUri);
    }
    adoptNewestCheckpoint(failure);
    FailureReason reason = failure.reason();
    String capacityChange = null;
    int retryNumber;
    switch (reason) {
      case PREEMPTED -> {
        if (state.preemptions() + 1 > policy.maxPreemptions()) {
          record(attempt, failure, 0, null);
          throw fail(reason, "preempted " + state.preemptions() + " times, more than the run's budget of "
              + policy.maxPreemptions() + ": " + failure.message());
        }
        retryNumber = state.preemptions() + 1;
        if (Boolean.TRUE.equals(capacity.preemptible())
            && state.consecutivePreemptions() + 1 >= policy.onDemandAfterPreemptions()) {
          capacity = capacity.onDemand();
          capacityChange =
              "fell back to on-demand capacity after " + (state.consecutivePreemptions() + 1) + " preemptions in a row";
        }
      }
      case WORKER_LOST, TRANSIENT_IO, INTERNAL -> {
        if (state.errorRetries() + 1 > policy.maxRetries()) {
          record(attempt, failure, 0, null);
          throw fail(reason, failure.message() + " (attempt " + attempt + "; the run's "
              + policy.maxRetries() + " retries are used up)");
        }
        retryNumber = state.errorRetries() + 1;
      }
      case OUT_OF_MEMORY -> {
        GpuConfig bigger = Boolean.TRUE.equals(capacity.escalateOnOom()) && !escalated ? CapacityLadder.next(capacity) : null;
        if (bigger == null) {
          record(attempt, failure, 0, null);
          throw fail(reason, failure.message());
        }
        escalated = true;
        capacityChange = "escalated from " + describe(capacity) + " to " + describe(bigger) + " after out_of_memory";
        capacity = bigger;
        retryNumber = 1;
      }
      default -> {
        record(attempt, failure, 0, null);
        throw fail(reason, failure.message());
      }
    }
    double delay = policy.delaySeconds(retryNumber);
    record(attempt, failure, delay, capacityChange);
    log.info("training attempt {} failed ({}): {}; retrying in {} s from {}", attempt, reason.type(),
        failure.message(), delay, checkpointUri);
    workflow.project();
    Workflow.sleep(Duration.ofMillis(Math.round(delay * 1000)));
    return "attempt " + (attempt + 1) + " after " + reason.type()
        + (checkpointUri == null ? ", from the start" : ", from " + checkpointUri)
        + (capacityChange == null ? "" : "; " + capacityChange);
  }

  /**
   * The next attempt resumes from the newest checkpoint the workflow knows of: the failed attempt's
   * last heartbeat, or a newer one named by an epoch report (heartbeats are throttled, so with short
   * epochs the last one to reach the server can be several checkpoints old), or, for an attempt
   * that died before its first heartbeat, the one it resumed from.
   */
  private void adoptNewestCheckpoint(AttemptFailure failure) {
    if (Workflow.getVersion(RETRY_CHECKPOINT_EPOCH, Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    Integer fromHeartbeat = failure.heartbeat() == null ? null : failure.heartbeat().checkpointEpoch();
    if (fromHeartbeat != null && failure.checkpointUri() != null
        && (checkpointEpoch == null || fromHeartbeat > checkpointEpoch)) {
      checkpointEpoch = fromHeartbeat;
    }
    if (state.reportedCheckpointUri() != null
        && (checkpointEpoch == null || state.reportedCheckpointEpoch() > checkpointEpoch)) {
      checkpointEpoch = state.reportedCheckpointEpoch();
      checkpointUri = state.reportedCheckpointUri();
      state.artifact("last_checkpoint", checkpointUri);
    }
  }

  private void record(int attempt, AttemptFailure failure, double delay, String capacityChange) {
    int lastEpoch = state.currentEpoch();
    Integer checkpointEpoch = failure.heartbeat() == null ? null : failure.heartbeat().checkpointEpoch();
    if (Workflow.getVersion(RETRY_CHECKPOINT_EPOCH, Workflow.DEFAULT_VERSION, 1) >= 1) {
      checkpointEpoch = this.checkpointEpoch;
    }
    RetryRecord retry =
        new RetryRecord(
            attempt,
            failure.reason().type(),
            failure.message(),
            state.workerIdentity(),
            checkpointUri,
            checkpointEpoch,
            lastEpoch,
            failure.lostSeconds(),
            delay,
            capacityChange,
            Workflow.currentTimeMillis());
    state.attemptFailed(retry, failure.reason() == FailureReason.PREEMPTED);
  }

  private void checkLimits() {
    if (Workflow.currentTimeMillis() >= deadlineMillis) {
      throw fail(FailureReason.TIMEOUT_EXCEEDED, "the run reached its max runtime of " + params.maxRuntimeMinutes()
          + " minutes before training finished");
    }
    if (params.maxCostUsd() != null && state.costUsd() >= params.maxCostUsd()) {
      throw fail(FailureReason.COST_LIMIT_EXCEEDED, String.format(
          "the run has cost $%.2f, its limit is $%.2f", state.costUsd(), params.maxCostUsd()));
    }
  }

  private Duration remaining() {
    return Duration.ofMillis(Math.max(1000, deadlineMillis - Workflow.currentTimeMillis()));
  }

  private int heartbeatTimeoutSeconds() {
    return params.heartbeatTimeoutSeconds() != null
        ? params.heartbeatTimeoutSeconds()
        : TrainingParams.DEFAULT_HEARTBEAT_TIMEOUT_SECONDS;
  }

  /** Ends the run: even a retryable reason is final once its budget is spent. */
  private static ApplicationFailure fail(FailureReason reason, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, reason.type());
  }

  private static String describe(GpuConfig capacity) {
    return capacity.wantsGpu()
        ? capacity.gpuCount() + " x " + capacity.gpuType() + " on " + capacity.machineType()
        : capacity.machineType();
  }

  private static boolean isCancellation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
