package dev.trainflow.worker;

import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals each epoch's metrics ({@code reportEpoch}) and each attempt's start to the run workflow. */
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

  @Override
  public void started(String workflowId, TrainingStart start) {
    if (workflowId == null) {
      return;
    }
    try {
      client.newWorkflowStub(TrainingRunWorkflow.class, workflowId).reportTrainingStarted(start);
    } catch (RuntimeException e) {
      // only the queue delay and the worker's name depend on it
      log.warn("cannot report the start of attempt {} to {}: {}", start.attempt(), workflowId, e.getMessage());
    }
  }
}
