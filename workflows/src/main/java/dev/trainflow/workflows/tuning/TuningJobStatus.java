package dev.trainflow.workflows.tuning;

import java.util.Locale;

/** A tuning job's status, as stored and shown by the API. */
public enum TuningJobStatus {
  RUNNING,
  /** The trial budget is spent and at least one trial completed. */
  COMPLETED,
  /** No trial completed, or the job could not go on. */
  FAILED,
  CANCELLED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TuningJobStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean ended() {
    return this != RUNNING;
  }
}
