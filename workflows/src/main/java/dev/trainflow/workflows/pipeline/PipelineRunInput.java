package dev.trainflow.workflows.pipeline;

import java.util.List;

/** What a pipeline run starts from: the pipeline's tasks as they were when the run was requested. */
public record PipelineRunInput(long pipelineRunId, long pipelineId, String pipelineName, List<PipelineTask> tasks) {
  public static String workflowId(long pipelineRunId) {
    return "training-pipeline-run-" + pipelineRunId;
  }
}
