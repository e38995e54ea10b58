package dev.trainflow.api.tuning;

import dev.trainflow.api.runtime.WorkflowStarts;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.tuning.TuningJobInput;
import dev.trainflow.workflows.tuning.TuningWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import org.springframework.stereotype.Component;

/** Starts tuning workflows and signals them. */
@Component
class TuningWorkflows {
  private final WorkflowClient client;

  TuningWorkflows(WorkflowClient client) {
    this.client = client;
  }

  void start(TuningJobInput input) {
    TuningWorkflow workflow =
        client.newWorkflowStub(
            TuningWorkflow.class,
            WorkflowStarts.orchestration(
                TuningJobInput.workflowId(input.jobId()), WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));
    WorkflowStarts.start(workflow::run, input, "the tuning job's workflow");
  }

  /** @return false when Temporal knows no such workflow */
  boolean cancel(String workflowId, String reason) {
    try {
      client.newWorkflowStub(TuningWorkflow.class, workflowId).cancel(reason);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("could not signal workflow " + workflowId + ": " + e.getMessage(), e);
    }
  }
}
