package dev.trainflow.activities.records;

import java.time.OffsetDateTime;

/**
 * The columns of a run's row that say what a projection changed: read before each projection, so
 * it is kept to what the listeners compare (a projection runs at every epoch).
 *
 * @param retries how many entries {@code retry_history} holds
 */
public record RunBeforeProjection(
    long id,
    String workflowId,
    String mlModelName,
    String modelType,
    long datasetId,
    long featureConfigId,
    long modelConfigId,
    String status,
    int currentEpoch,
    int attempts,
    int retries,
    Double queueDelaySeconds,
    double costUsd,
    double gpuSecondsTrained,
    double gpuSecondsLost,
    OffsetDateTime startedAt,
    OffsetDateTime completedAt) {}
