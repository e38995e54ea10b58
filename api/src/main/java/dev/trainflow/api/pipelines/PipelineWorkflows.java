package dev.trainflow.api.pipelines;

import dev.trainflow.api.runtime.WorkflowStarts;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.TrainingPipelineWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
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
            WorkflowStarts.orchestration(
                PipelineRunInput.workflowId(input.pipelineRunId()),
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));
    WorkflowStarts.start(workflow::run, input, "the pipeline run's workflow");
  }
}
