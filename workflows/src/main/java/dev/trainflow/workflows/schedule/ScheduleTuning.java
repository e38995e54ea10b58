package dev.trainflow.workflows.schedule;

/**
 * Knobs of the schedule workflow that no user sets, with defaults for null: the history length at
 * which it continues as new, and how late a fire may be handled before it counts as missed (the
 * catch-up policy decides then). Tests set them small.
 */
public record ScheduleTuning(Integer continueAsNewAfterEvents, Long missedFireToleranceMillis) {
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 2000;
  /** Longer than a workflow task takes on a busy worker, shorter than any schedule's period. */
  public static final long DEFAULT_MISSED_FIRE_TOLERANCE_MILLIS = 60_000;

  public static ScheduleTuning defaults() {
    return new ScheduleTuning(null, null);
  }

  int continueAsNewAfter() {
    return continueAsNewAfterEvents != null ? continueAsNewAfterEvents : DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  }

  long missedFireTolerance() {
    return missedFireToleranceMillis != null ? missedFireToleranceMillis : DEFAULT_MISSED_FIRE_TOLERANCE_MILLIS;
  }
}
