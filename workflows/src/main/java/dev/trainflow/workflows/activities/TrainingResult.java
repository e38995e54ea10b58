package dev.trainflow.workflows.activities;

/**
 * The training activity's output.
 *
 * @param modelUri folder holding the trained weights and the model description
 */
public record TrainingResult(
    String modelUri,
    int epochsCompleted,
    EpochMetrics lastEpoch,
    String lastCheckpointUri,
    double trainSeconds,
    String workerIdentity) {}
