package dev.trainflow.worker;

import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.workflows.activities.EpochMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every reported epoch, in order, for assertions. */
final class CollectingEpochReporter implements EpochReporter {
  final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
  final List<String> workflowIds = new CopyOnWriteArrayList<>();

  @Override
  public void report(String workflowId, EpochMetrics metrics) {
    workflowIds.add(workflowId);
    epochs.add(metrics);
  }
}
