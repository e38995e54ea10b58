package dev.trainflow.workflows.pipeline;

import java.util.List;

/** A pipeline run as the workflow sees it: projected to {@code pipeline_run} on every change. */
public record PipelineRunProgress(
    long pipelineRunId,
    long pipelineId,
    PipelineStatus status,
    List<TaskReport> tasks,
    List<ModelOutcome> models,
    String message,
    Long startedAtMillis,
    Long finishedAtMillis,
    int revision) {}
