package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.spec.ScheduleSpec;
import java.util.List;

/**
 * An immutable snapshot of a schedule as its workflow knows it: the {@code progress} query's and
 * every update's answer, what is projected into {@code training_schedule}, and the state a
 * continue-as-new carries into the next run of the workflow.
 *
 * <p>{@code revision} grows with every change, so a projection that arrives late never overwrites
 * a newer one. Outcomes: {@code successfulRuns} ended completed; {@code failedRuns} failed or ended
 * not blessed (no deployable model); {@code cancelledRuns} were cancelled. {@code degraded} is true
 * after {@link #DEGRADED_AFTER_FAILURES} consecutive failures, until a run succeeds.
 */
public record ScheduleProgress(
    long scheduleId,
    ScheduleStatus status,
    ScheduleSpec spec,
    String pausedReason,
    int totalRuns,
    int successfulRuns,
    int failedRuns,
    int cancelledRuns,
    int skippedFires,
    int consecutiveFailures,
    boolean degraded,
    Long lastRunId,
    String lastRunStatus,
    Long lastFireAtMillis,
    Long nextFireAtMillis,
    List<Long> runningRunIds,
    Long bufferedFireAtMillis,
    List<Long> backfillFireAtMillis,
    long revision) {

  public static final int DEGRADED_AFTER_FAILURES = 3;

  /** Successful runs over finished ones (successful + failed), or null before any finished. */
  public Double successRate() {
    int finished = successfulRuns + failedRuns;
    return finished == 0 ? null : (double) successfulRuns / finished;
  }
}
