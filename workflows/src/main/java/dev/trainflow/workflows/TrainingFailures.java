package dev.trainflow.workflows;

import io.temporal.failure.ApplicationFailure;

/** Builds the typed application failures that activities throw. */
public final class TrainingFailures {
  private TrainingFailures() {}

  public static ApplicationFailure of(FailureReason reason, String message) {
    return reason.retryable()
        ? ApplicationFailure.newFailure(message, reason.type())
        : ApplicationFailure.newNonRetryableFailure(message, reason.type());
  }

  public static ApplicationFailure of(FailureReason reason, String message, Throwable cause) {
    return reason.retryable()
        ? ApplicationFailure.newFailureWithCause(message, reason.type(), cause)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, reason.type(), cause);
  }

  /** A failure whose details (e.g. the last {@code TrainingHeartbeat}) the workflow reads. */
  public static ApplicationFailure withDetails(FailureReason reason, String message, Object details) {
    return reason.retryable()
        ? ApplicationFailure.newFailureWithCause(message, reason.type(), null, details)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, reason.type(), null, details);
  }

  public static ApplicationFailure dataValidation(String message) {
    return of(FailureReason.DATA_VALIDATION, message);
  }

  public static ApplicationFailure invalidConfig(String message) {
    return of(FailureReason.INVALID_CONFIG, message);
  }
}
