package dev.trainflow.api.runs;

import java.util.List;

/**
 * A run's training history: the validation metrics of every epoch and, once evaluated, the
 * final model's test-split metrics ({@code test}, null before).
 */
record TrainingHistoryResponse(
    long runId, String status, int currentEpoch, int totalEpochs, List<EpochView> epochs, TestMetricsView test) {}
