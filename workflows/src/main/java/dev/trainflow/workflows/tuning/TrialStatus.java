package dev.trainflow.workflows.tuning;

import java.util.Locale;

/** A trial's status, as stored and shown by the API. */
public enum TrialStatus {
  RUNNING,
  COMPLETED,
  /** Cancelled by successive halving: its metrics are its last step's. */
  STOPPED_EARLY,
  FAILED,
  /** Cancelled with its job. */
  CANCELLED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TrialStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
