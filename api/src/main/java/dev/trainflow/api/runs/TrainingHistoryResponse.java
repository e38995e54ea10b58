package dev.trainflow.api.runs;

import java.util.List;

record TrainingHistoryResponse(long runId, String status, int currentEpoch, int totalEpochs, List<EpochView> epochs) {}
