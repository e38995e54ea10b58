package dev.trainflow.api.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trainflow.workflows.activities.EpochMetrics;

/** One row of the training history, with the seed's metric names; validation metrics per epoch. */
record EpochView(
    int epoch,
    double trainLoss,
    Double validationLoss,
    @JsonProperty("recall_at_5") Double recallAt5,
    @JsonProperty("recall_at_10") Double recallAt10,
    @JsonProperty("recall_at_50") Double recallAt50,
    @JsonProperty("recall_at_100") Double recallAt100,
    Double rmse,
    Double mae,
    double learningRate,
    double examplesPerSecond,
    double epochSeconds) {

  static EpochView of(EpochMetrics m) {
    return new EpochView(
        m.epoch(), m.trainLoss(), m.validationLoss(), m.recallAt5(), m.recallAt10(), m.recallAt50(), m.recallAt100(),
        m.rmse(), m.mae(), m.learningRate(), m.examplesPerSecond(), m.seconds());
  }
}
