package dev.trainflow.api.pipelines;

import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.TrainingPipelineWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Component;

/** Starts pipeline runs' workflows. */
@Component
class PipelineWorkflows {
  private final WorkflowClient client;

  PipelineWorkflows(WorkflowClient client) {
    this.client = client;
  }

  void start(PipelineRunInput input) {
    TrainingPipelineWorkflow workflow =
        client.newWorkflowStub(
            TrainingPipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(PipelineRunInput.workflowId(input.pipelineRunId()))
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(workflow::run, input);
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("could not start the pipeline run's workflow: " + e.getMessage(), e);
    }
  }
}
