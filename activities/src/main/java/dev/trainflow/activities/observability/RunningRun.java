package dev.trainflow.activities.observability;

import java.time.Instant;

/**
 * A run whose workflow is going, as the per-run gauges show it.
 *
 * @param lastProgressAt its last epoch, else the start of its current stage
 * @param maxCostUsd null when the run has no cost limit
 */
public record RunningRun(
    long id,
    String mlModelName,
    String workflowId,
    String currentStage,
    int currentEpoch,
    int totalEpochs,
    int progressPercent,
    Instant startedAt,
    Instant lastProgressAt,
    double costUsd,
    Double maxCostUsd,
    Integer maxRuntimeMinutes,
    Double loss,
    Double validationLoss) {}
