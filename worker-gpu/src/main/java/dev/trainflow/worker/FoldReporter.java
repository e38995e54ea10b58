package dev.trainflow.worker;

import dev.trainflow.workflows.activities.FoldReport;

/** Where a tabular training activity tells its run about each finished cross-validation fold. */
public interface FoldReporter {
  FoldReporter NONE = (workflowId, report) -> {};

  void report(String workflowId, FoldReport report);
}
