package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.spec.TrainingParams;
import java.time.OffsetDateTime;

/** A completed experiment as {@code top-for-training} ranks it: its configs and primary metric. */
public record ExperimentSummary(
    long id,
    String name,
    String modelType,
    long datasetId,
    long featureConfigId,
    long modelConfigId,
    TrainingParams trainingParams,
    String metric,
    Double value,
    Double recallAt100,
    Double rmse,
    OffsetDateTime completedAt) {}
