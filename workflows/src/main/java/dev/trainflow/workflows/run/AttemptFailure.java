package dev.trainflow.workflows.run;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.converter.Values;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * Why a training attempt failed, and the last heartbeat it left behind: the checkpoint the next
 * attempt resumes from. A heartbeat timeout is {@code worker_lost}; the trainer's own failures
 * carry their type and a final heartbeat as details.
 */
record AttemptFailure(FailureReason reason, String message, TrainingHeartbeat heartbeat) {

  static AttemptFailure of(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof TimeoutFailure timeout) {
      TrainingHeartbeat last = heartbeat(timeout.getLastHeartbeatDetails());
      if (timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT) {
        return new AttemptFailure(
            FailureReason.WORKER_LOST, "the training worker stopped heartbeating (worker lost)", last);
      }
      return new AttemptFailure(
          FailureReason.TIMEOUT_EXCEEDED,
          "the training attempt ran past the run's max runtime (" + timeout.getTimeoutType() + ")",
          last);
    }
    if (cause instanceof ApplicationFailure app) {
      return new AttemptFailure(FailureReason.fromType(app.getType()), app.getOriginalMessage(), heartbeat(app.getDetails()));
    }
    String message = cause != null && cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
    return new AttemptFailure(FailureReason.INTERNAL, message, null);
  }

  private static TrainingHeartbeat heartbeat(Values details) {
    if (details == null || details.getSize() == 0) {
      return null;
    }
    try {
      return details.get(0, TrainingHeartbeat.class);
    } catch (RuntimeException notAHeartbeat) {
      return null;
    }
  }

  String checkpointUri() {
    return heartbeat == null ? null : heartbeat.lastCheckpointUri();
  }

  double lostSeconds() {
    return heartbeat == null || heartbeat.secondsSinceCheckpoint() == null ? 0 : heartbeat.secondsSinceCheckpoint();
  }
}
