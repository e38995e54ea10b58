package dev.trainflow.workflows.activities;

/** The training activity's heartbeat details: where it is and the last checkpoint it wrote. */
public record TrainingHeartbeat(int epoch, int step, String lastCheckpointUri) {}
