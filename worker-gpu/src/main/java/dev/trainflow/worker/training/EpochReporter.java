package dev.trainflow.worker.training;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingStart;

/** Where the trainer sends each finished epoch's metrics: the run workflow, or a test's list. */
@FunctionalInterface
public interface EpochReporter {
  void report(String workflowId, EpochMetrics metrics);

  /** A worker started an attempt; reporters that only collect epochs ignore it. */
  default void started(String workflowId, TrainingStart start) {}
}
