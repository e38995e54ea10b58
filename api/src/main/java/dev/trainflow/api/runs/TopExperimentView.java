package dev.trainflow.api.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trainflow.activities.persistence.ExperimentSummary;
import dev.trainflow.workflows.spec.TrainingParams;
import java.time.OffsetDateTime;

/** A completed experiment as top-for-training ranks it: what a training run would inherit, and its score. */
record TopExperimentView(
    int rank,
    long id,
    String name,
    String modelType,
    long datasetId,
    long featureConfigId,
    long modelConfigId,
    TrainingParams trainingParams,
    String metric,
    Double value,
    @JsonProperty("recall_at_100") Double recallAt100,
    Double rmse,
    OffsetDateTime completedAt) {

  static TopExperimentView of(int rank, ExperimentSummary e) {
    return new TopExperimentView(
        rank, e.id(), e.name(), e.modelType(), e.datasetId(), e.featureConfigId(), e.modelConfigId(), e.trainingParams(),
        e.metric(), e.value(), e.recallAt100(), e.rmse(), e.completedAt());
  }
}
