package dev.trainflow.workflows.activities;

/** Sent by a training attempt when a worker picks it up: who trains, and from when. */
public record TrainingStart(int attempt, String workerIdentity, long startedAtMillis, String resumedFromCheckpointUri) {}
