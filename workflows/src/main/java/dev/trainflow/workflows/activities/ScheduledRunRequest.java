package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.RunTemplate;

/**
 * The run for one fire of a schedule: the schedule and the fire time are its idempotency key, so a
 * retried activity finds the run it created instead of creating a second.
 */
public record ScheduledRunRequest(
    long scheduleId, String scheduleName, long fireAtMillis, String timeZone, RunTemplate template) {}
