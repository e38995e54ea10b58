package dev.trainflow.workflows.schedule;

import java.util.Locale;

/** The statuses of a schedule, as stored and as shown by the API. */
public enum ScheduleStatus {
  /** Fires at its times. */
  ACTIVE,
  /** Fires only when triggered; resume brings back its times. */
  PAUSED,
  /** Has no fire times left (a once schedule that fired) and no run going: its workflow ended. */
  COMPLETED,
  /** Cancelled: no more fires; its workflow ended. */
  CANCELLED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ScheduleStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The workflow has ended: no control applies any more. */
  public boolean ended() {
    return this == COMPLETED || this == CANCELLED;
  }
}
