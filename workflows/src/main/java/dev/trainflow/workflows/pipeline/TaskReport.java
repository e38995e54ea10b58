package dev.trainflow.workflows.pipeline;

import java.util.List;

/**
 * One task of a pipeline run.
 *
 * @param models for train, evaluate and register tasks, the models they covered
 */
public record TaskReport(
    String taskId,
    String kind,
    TaskStatus status,
    String message,
    int attempts,
    List<String> models,
    Long startedAtMillis,
    Long finishedAtMillis) {}
