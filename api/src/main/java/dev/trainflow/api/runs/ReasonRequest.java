package dev.trainflow.api.runs;

/** The optional body of cancel and push-anyway: why, for the run's record. */
record ReasonRequest(String reason) {}
