package dev.trainflow.worker;

import dev.trainflow.workflows.activities.FoldReport;

/**
 * A tabular training activity's line to its run: it tells the run each finished fold, and asks
 * whether the run was cancelled (the run does not cancel the activity through Temporal).
 */
public interface FoldReporter {
  FoldReporter NONE = (workflowId, report) -> {};

  void report(String workflowId, FoldReport report);

  /** Whether the run wants training to stop; false when it cannot be asked. */
  default boolean stopRequested(String workflowId) {
    return false;
  }
}
