package dev.trainflow.worker.model;

/**
 * A cycle a timestamp (epoch seconds, UTC) is encoded in: its phase in [0, 1) becomes sin and cos
 * of 2π·phase, so 23:59 sits next to 00:00. phase = ((t + offset) mod period) / period, computed
 * the same way by the trainer (in Java) and by the exported model (in TensorFlow).
 */
public enum TimestampCycle {
  HOUR_OF_DAY("hour_of_day", 86_400L, 0L),
  /** 1970-01-01 was a Thursday: the offset puts Monday 00:00 UTC at phase 0. */
  DAY_OF_WEEK("day_of_week", 7 * 86_400L, 3 * 86_400L),
  /** The mean Gregorian year, so seasons line up over decades without a calendar. */
  YEAR("year", 31_556_952L, 0L);

  private final String configName;
  private final long periodSeconds;
  private final long offsetSeconds;

  TimestampCycle(String configName, long periodSeconds, long offsetSeconds) {
    this.configName = configName;
    this.periodSeconds = periodSeconds;
    this.offsetSeconds = offsetSeconds;
  }

  public static TimestampCycle named(String name) {
    for (TimestampCycle cycle : values()) {
      if (cycle.configName.equals(name)) {
        return cycle;
      }
    }
    throw new IllegalArgumentException("unknown cycle '" + name + "': use hour_of_day, day_of_week or year");
  }

  public long periodSeconds() {
    return periodSeconds;
  }

  public long offsetSeconds() {
    return offsetSeconds;
  }

  /** The phase of {@code epochSeconds} in [0, 1). */
  public double phase(long epochSeconds) {
    return (double) Math.floorMod(epochSeconds + offsetSeconds, periodSeconds) / periodSeconds;
  }
}
