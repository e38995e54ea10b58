package dev.trainflow.api.tuning;

/** The optional body of a cancel: why, kept as the job's error. */
record CancelTuningJobRequest(String reason) {}
