package dev.trainflow.workflows.activities;

/**
 * Metrics of one training epoch. Losses are per example; recall@K is measured on the validation
 * split over all candidates. Null where the model type has no such metric.
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    Double validationLoss,
    Double recallAt5,
    Double recallAt10,
    Double recallAt50,
    Double recallAt100,
    double learningRate,
    double examplesPerSecond,
    double seconds) {}
