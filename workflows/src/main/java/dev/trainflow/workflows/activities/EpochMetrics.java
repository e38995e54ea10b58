package dev.trainflow.workflows.activities;

/**
 * Metrics of one training epoch. Losses are per example; recall@K is measured on the validation
 * split over all candidates, RMSE and MAE of the predicted label on the validation split. Null
 * where the model type has no such metric. {@code learningRate} is the rate of the epoch's last
 * step.
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
    double seconds,
    Double rmse,
    Double mae) {

  /** The fields of the first release (retrieval only), so older callers keep compiling. */
  public EpochMetrics(
      int epoch,
      double trainLoss,
      Double validationLoss,
      Double recallAt5,
      Double recallAt10,
      Double recallAt50,
      Double recallAt100,
      double learningRate,
      double examplesPerSecond,
      double seconds) {
    this(epoch, trainLoss, validationLoss, recallAt5, recallAt10, recallAt50, recallAt100, learningRate,
        examplesPerSecond, seconds, null, null);
  }
}
