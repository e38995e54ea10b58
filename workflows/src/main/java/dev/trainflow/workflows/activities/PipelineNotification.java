package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.pipeline.PipelineRunProgress;

/**
 * One webhook delivery: {@code event} is {@code pipeline_run.succeeded} or {@code pipeline_run.failed}
 * (failed and partially succeeded runs alike; the run's status says which).
 */
public record PipelineNotification(String url, String event, String pipelineName, PipelineRunProgress run) {}
