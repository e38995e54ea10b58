package dev.trainflow.workflows.run;

import java.util.Locale;

/** The eight statuses of a training run, as stored and as shown by the API. */
public enum RunStatus {
  PENDING,
  SCHEDULED,
  SUBMITTING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  NOT_BLESSED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Terminal for the API: the run can be deleted. NOT_BLESSED counts once the workflow ended. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == NOT_BLESSED;
  }
}
