package dev.trainflow.activities.records;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.run.RunProgress;
import java.util.List;

/**
 * Told about every snapshot the run workflow projects, with the run's row as it was before: what
 * changed between the two is what happened (a status reached, a retry, an epoch, money spent).
 * Comparing with the stored row rather than with memory keeps this right when projections of one
 * run land on different api replicas, and when a projection activity is retried.
 */
public interface RunProgressListener {

  /**
   * Before the snapshot is written. A failure here fails the projection activity, which Temporal
   * retries with the same previous row: use it for records that must not be lost (the audit log),
   * and make them idempotent.
   */
  default void beforeProjection(RunBeforeProjection previous, RunProgress progress) {}

  /**
   * After the snapshot is written. Failures are logged and ignored: use it for what may be lost
   * but must never be counted twice (metrics).
   *
   * @param epochs the epochs recorded with this snapshot, empty for most
   */
  default void afterProjection(RunBeforeProjection previous, RunProgress progress, List<EpochMetrics> epochs) {}
}
