package dev.trainflow.workflows.run;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TaskQueues;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The named activity-option profiles of the run workflow, next to each other so every timeout is
 * visible in one place.
 */
final class RunActivityOptions {
  private RunActivityOptions() {}

  /** Short database projections: retried until the database answers, they never fail a run. */
  static ActivityOptions projection() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /** Compile, data stages, evaluation, registry, deploy: minutes of work, a few retries. */
  static ActivityOptions data() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.DATA)
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setRetryOptions(fewRetries())
        .build();
  }

  /** A few attempts, seconds apart, none for bad config or data. */
  private static RetryOptions fewRetries() {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(2))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(Duration.ofMinutes(1))
        .setMaximumAttempts(3)
        .setDoNotRetry(FailureReason.nonRetryableTypes())
        .build();
  }

  /**
   * One training attempt. The workflow, not the SDK, decides about retries (one attempt per
   * call); the heartbeat timeout is the run's; the attempt may not outlive the run's max runtime,
   * queueing included, plus a grace period for the trainer's own checkpoint-and-stop.
   */
  static ActivityOptions trainingAttempt(int heartbeatTimeoutSeconds, Duration remainingRuntime) {
    Duration limit = remainingRuntime.plus(TRAINER_STOP_GRACE);
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setScheduleToCloseTimeout(limit)
        .setStartToCloseTimeout(limit)
        .setHeartbeatTimeout(Duration.ofSeconds(heartbeatTimeoutSeconds))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /**
   * Tabular training on the {@code cpu} queue: one activity for cross-validation, the final fit and
   * the gates. It heartbeats after every fold, so a lost worker is noticed within the run's
   * heartbeat timeout; the SDK retries it (a fresh start: a fold takes seconds) except for bad
   * config or data; cancellation waits for the trainer to stop, so a cancelled tuning trial frees
   * its worker slot before the next trial starts.
   */
  static ActivityOptions tabularTraining(int heartbeatTimeoutSeconds, Duration maxRuntime) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(maxRuntime)
        .setHeartbeatTimeout(Duration.ofSeconds(heartbeatTimeoutSeconds))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(fewRetries())
        .build();
  }

  /** How long past the deadline the trainer may take to checkpoint and report the timeout. */
  static final Duration TRAINER_STOP_GRACE = Duration.ofMinutes(2);

  /**
   * Training in workflows started before per-attempt retries (replay only): long, heartbeating,
   * cancelled cooperatively so the trainer can checkpoint before it stops.
   */
  static ActivityOptions training() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setStartToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(Duration.ofSeconds(60))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(10))
                .setMaximumAttempts(3)
                .setDoNotRetry(FailureReason.nonRetryableTypes())
                .build())
        .build();
  }
}
