package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.RunTemplate;

/** The training run of one trial of a tuning job; job id and trial number are its idempotency key. */
public record TrialRunRequest(long jobId, int trialNumber, String jobName, RunTemplate template) {}
