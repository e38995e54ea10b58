package dev.trainflow.worker;

import dev.trainflow.workflows.activities.FoldReport;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals each finished fold ({@code reportFold}) to the run workflow. */
public final class WorkflowFoldReporter implements FoldReporter {
  private static final Logger log = LoggerFactory.getLogger(WorkflowFoldReporter.class);
  private final WorkflowClient client;

  public WorkflowFoldReporter(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void report(String workflowId, FoldReport report) {
    try {
      client.newWorkflowStub(TrainingRunWorkflow.class, workflowId).reportFold(report);
    } catch (RuntimeException e) {
      // the folds also travel in the result: a lost signal only delays a tuning job's decision
      log.warn("cannot report fold {} to {}: {}", report.fold(), workflowId, e.getMessage());
    }
  }

  @Override
  public boolean stopRequested(String workflowId) {
    try {
      return client.newWorkflowStub(TrainingRunWorkflow.class, workflowId).trainingStopRequested();
    } catch (RuntimeException e) {
      // a run that cannot answer is closed or gone: its heartbeats end the activity anyway
      log.debug("cannot ask {} whether to stop: {}", workflowId, e.getMessage());
      return false;
    }
  }
}
