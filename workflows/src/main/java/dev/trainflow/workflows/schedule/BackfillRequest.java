package dev.trainflow.workflows.schedule;

/** Run the schedule's fire times in {@code [fromMillis, toMillis)}, a window in the past. */
public record BackfillRequest(long fromMillis, long toMillis) {
  /** Most fire times one backfill may add: its runs go one after the other. */
  public static final int MAX_FIRES = 100;
}
