package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.RunTemplate;

/** The training run of one attempt of a pipeline's train task; the first three fields are its idempotency key. */
public record PipelineTaskRunRequest(long pipelineRunId, String taskId, int attempt, String pipelineName, RunTemplate template) {}
