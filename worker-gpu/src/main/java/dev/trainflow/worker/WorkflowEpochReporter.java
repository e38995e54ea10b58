package dev.trainflow.worker;

import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals each epoch's metrics to the run workflow ({@code reportEpoch}). */
public final class WorkflowEpochReporter implements EpochReporter {
  private static final Logger log = LoggerFactory.getLogger(WorkflowEpochReporter.class);
  private final WorkflowClient client;

  public WorkflowEpochReporter(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void report(String workflowId, EpochMetrics metrics) {
    if (workflowId == null) {
      return;
    }
    try {
      client.newWorkflowStub(TrainingRunWorkflow.class, workflowId).reportEpoch(metrics);
    } catch (RuntimeException e) {
      // the metrics also travel in the result and the logs: a lost signal must not stop training
      log.warn("cannot report epoch {} to {}: {}", metrics.epoch(), workflowId, e.getMessage());
    }
  }
}
