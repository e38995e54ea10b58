package dev.trainflow.workflows.activities;

/**
 * Metrics of one training epoch. Losses are per example; recall@K is measured on the validation
 * split over all candidates, RMSE and MAE of the predicted label on the validation split. Null
 * where the model type has no such metric. {@code learningRate} is the rate of the epoch's last
 * step. {@code checkpointUri} is the checkpoint written right after this epoch, when one was: the
 * workflow learns of it with the epoch, before any heartbeat (which the SDK throttles) carries it.
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
    Double mae,
    String checkpointUri) {

  /** Without a checkpoint after the epoch. */
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
      double seconds,
      Double rmse,
      Double mae) {
    this(epoch, trainLoss, validationLoss, recallAt5, recallAt10, recallAt50, recallAt100, learningRate,
        examplesPerSecond, seconds, rmse, mae, null);
  }

  /** The same metrics, with the checkpoint written after the epoch. */
  public EpochMetrics withCheckpoint(String uri) {
    return new EpochMetrics(epoch, trainLoss, validationLoss, recallAt5, recallAt10, recallAt50, recallAt100,
        learningRate, examplesPerSecond, seconds, rmse, mae, uri);
  }

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
        examplesPerSecond, seconds, null, null, null);
  }
}
