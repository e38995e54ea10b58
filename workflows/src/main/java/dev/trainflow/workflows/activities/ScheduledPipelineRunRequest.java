package dev.trainflow.workflows.activities;

/**
 * The pipeline run for one fire of a pipeline schedule: the schedule and the fire time are its
 * idempotency key, so a retried activity finds the run it created instead of creating a second.
 */
public record ScheduledPipelineRunRequest(long scheduleId, long pipelineId, long fireAtMillis) {}
