package dev.trainflow.activities.records;

import dev.trainflow.workflows.run.RunProgress;

/** What a projection changes about a run, read from its row before and the snapshot after. */
public final class RunTransitions {
  private RunTransitions() {}

  /** An execution started: the run's first, or a retry's (which starts again, at a later time). */
  public static boolean started(RunBeforeProjection previous, RunProgress progress) {
    return progress.startedAtMillis() != null
        && (previous.startedAt() == null || previous.startedAt().toInstant().toEpochMilli() != progress.startedAtMillis());
  }

  /** The execution ended with this snapshot (a retry clears the run's end, so it can end again). */
  public static boolean finished(RunBeforeProjection previous, RunProgress progress) {
    return progress.finishedAtMillis() != null
        && progress.status().terminal()
        && (previous.completedAt() == null
            || previous.completedAt().toInstant().toEpochMilli() != progress.finishedAtMillis());
  }
}
