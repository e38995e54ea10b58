package dev.trainflow.worker.training;

import dev.trainflow.workflows.activities.EpochMetrics;

/** Where the trainer sends each finished epoch's metrics: the run workflow, or a test's list. */
@FunctionalInterface
public interface EpochReporter {
  void report(String workflowId, EpochMetrics metrics);
}
