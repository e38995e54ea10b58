package dev.trainflow.workflows.run;

import dev.trainflow.workflows.FailureReason;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** Why a run failed, in the failure taxonomy, with the message a user should read. */
record RunFailure(FailureReason reason, String message) {

  static RunFailure from(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return new RunFailure(FailureReason.fromType(app.getType()), app.getOriginalMessage());
      }
      if (t instanceof TimeoutFailure timeout) {
        return timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT
            ? new RunFailure(FailureReason.WORKER_LOST, "the worker stopped heartbeating (worker lost)")
            : new RunFailure(
                FailureReason.TIMEOUT_EXCEEDED,
                "the stage ran past its time limit (" + timeout.getTimeoutType() + ")");
      }
      if (t instanceof TemporalFailure failure && !(t instanceof ActivityFailure)) {
        return new RunFailure(FailureReason.INTERNAL, failure.getOriginalMessage());
      }
    }
    return new RunFailure(FailureReason.INTERNAL, e.getMessage() != null ? e.getMessage() : e.toString());
  }

  ApplicationFailure toApplicationFailure() {
    return ApplicationFailure.newNonRetryableFailure(message, reason.type());
  }
}
