package dev.trainflow.workflows.schedule;

import java.util.List;

/**
 * How a schedule treats a fire while one of its runs is still going ({@code overlap}), fires it
 * missed while paused or while no worker ran it ({@code catch_up}), and a run of failures ({@code
 * pause_after_failures}: pause after that many consecutive failed runs; null never pauses).
 */
public record SchedulePolicies(String overlap, String catchUp, Integer pauseAfterFailures) {
  /** Drop the fire. */
  public static final String OVERLAP_SKIP = "skip";
  /** Start another run beside the running one. */
  public static final String OVERLAP_ALLOW = "allow";
  /** Keep the latest fire and start it when the running one ends; later fires replace it. */
  public static final String OVERLAP_BUFFER_ONE = "buffer_one";
  public static final List<String> OVERLAP_POLICIES = List.of(OVERLAP_SKIP, OVERLAP_ALLOW, OVERLAP_BUFFER_ONE);

  /** Missed fires are counted as skipped; the schedule goes on from now. */
  public static final String CATCH_UP_SKIP = "skip";
  /** One run for all the fires missed, named after the latest of them. */
  public static final String CATCH_UP_RUN_ONCE = "run_once";
  public static final List<String> CATCH_UP_POLICIES = List.of(CATCH_UP_SKIP, CATCH_UP_RUN_ONCE);

  public static final int MAX_PAUSE_AFTER_FAILURES = 100;

  public static SchedulePolicies defaults() {
    return new SchedulePolicies(OVERLAP_SKIP, CATCH_UP_SKIP, null);
  }

  public SchedulePolicies withDefaults() {
    return new SchedulePolicies(
        overlap != null ? overlap : OVERLAP_SKIP, catchUp != null ? catchUp : CATCH_UP_SKIP, pauseAfterFailures);
  }
}
