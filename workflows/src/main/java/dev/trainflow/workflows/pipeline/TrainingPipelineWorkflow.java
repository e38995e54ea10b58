package dev.trainflow.workflows.pipeline;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A pipeline run ({@code training-pipeline-run-<id>}): the tasks of a DAG, independent ones in
 * parallel, train tasks as child {@code TrainingRunWorkflow}s, one failed model never blocking the
 * others.
 */
@WorkflowInterface
public interface TrainingPipelineWorkflow {
  @WorkflowMethod
  PipelineRunProgress run(PipelineRunInput input);

  @QueryMethod
  PipelineRunProgress progress();
}
