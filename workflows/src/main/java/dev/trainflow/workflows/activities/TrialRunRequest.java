package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.RunTemplate;
import java.util.Map;

/**
 * The training run of one trial of a tuning job; job id and trial number are its idempotency key.
 * {@code template} is the base template with {@code params} applied.
 */
public record TrialRunRequest(long jobId, int trialNumber, String jobName, Map<String, Object> params, RunTemplate template) {}
