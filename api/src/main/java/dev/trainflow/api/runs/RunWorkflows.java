package dev.trainflow.api.runs;

import dev.trainflow.api.runtime.WorkflowStarts;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import org.springframework.stereotype.Component;

/** Starts and signals run workflows. */
@Component
class RunWorkflows {
  private final WorkflowClient client;

  RunWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the run's workflow; starting it twice is harmless (the id is the run's).
   *
   * @param again a retry: the run's earlier workflow has ended and a new one takes its id
   */
  void start(TrainingRunInput input, boolean again) {
    TrainingRunWorkflow workflow =
        client.newWorkflowStub(
            TrainingRunWorkflow.class,
            WorkflowStarts.orchestration(
                TrainingRunInput.workflowId(input.runId()),
                again
                    ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
                    : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));
    try {
      WorkflowClient.start(workflow::run, input);
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      // a retried submit: the run is already on its way
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("could not start the run's workflow: " + e.getMessage(), e);
    }
  }

  /** @return false when Temporal knows no such workflow (it ended long ago, or was lost) */
  boolean cancel(String workflowId, String reason) {
    return signal(workflowId, w -> w.cancel(reason));
  }

  boolean pushAnyway(String workflowId, String reason) {
    return signal(workflowId, w -> w.pushAnyway(reason));
  }

  /** Whether Temporal still has this workflow running. */
  boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private boolean signal(String workflowId, java.util.function.Consumer<TrainingRunWorkflow> send) {
    try {
      send.accept(client.newWorkflowStub(TrainingRunWorkflow.class, workflowId));
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("could not signal workflow " + workflowId + ": " + e.getMessage(), e);
    }
  }
}
