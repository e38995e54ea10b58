package dev.trainflow.workflows.pipeline;

import java.util.List;

/**
 * What a pipeline run starts from: the pipeline's tasks as they were when the run was requested.
 *
 * @param onSuccess posted when the run succeeded; null for none
 * @param onFailure posted when it failed or partially succeeded; null for none
 */
public record PipelineRunInput(
    long pipelineRunId, long pipelineId, String pipelineName, List<PipelineTask> tasks, Webhook onSuccess, Webhook onFailure) {

  public PipelineRunInput(long pipelineRunId, long pipelineId, String pipelineName, List<PipelineTask> tasks) {
    this(pipelineRunId, pipelineId, pipelineName, tasks, null, null);
  }

  public static String workflowId(long pipelineRunId) {
    return "training-pipeline-run-" + pipelineRunId;
  }
}
