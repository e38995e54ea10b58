package dev.trainflow.workflows;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The failure taxonomy of a training run. The {@link #type()} is the ApplicationFailure type that
 * activities throw, so retry policies can name the non-retryable ones.
 */
public enum FailureReason {
  PREEMPTED(true),
  WORKER_LOST(true),
  TRANSIENT_IO(true),
  DATA_VALIDATION(false),
  INVALID_CONFIG(false),
  GPU_UNAVAILABLE(false),
  OUT_OF_MEMORY(false),
  TIMEOUT_EXCEEDED(false),
  COST_LIMIT_EXCEEDED(false),
  CANCELLED(false),
  /** Anything the taxonomy does not name: an unexpected exception in an activity. */
  INTERNAL(true);

  private final boolean retryable;

  FailureReason(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The ApplicationFailure type string, e.g. {@code data_validation}. */
  public String type() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FailureReason fromType(String type) {
    if (type == null) {
      return INTERNAL;
    }
    for (FailureReason reason : values()) {
      if (reason.type().equalsIgnoreCase(type)) {
        return reason;
      }
    }
    return INTERNAL;
  }

  /** The types a retry policy must never retry. */
  public static String[] nonRetryableTypes() {
    List<String> types =
        Arrays.stream(values()).filter(r -> !r.retryable).map(FailureReason::type).toList();
    return types.toArray(new String[0]);
  }
}
