package dev.trainflow.workflows.activities;

/**
 * The training activity's output.
 *
 * @param modelUri folder holding the trained weights, the model description and the SavedModel
 *     export
 * @param lastEpoch metrics of the last epoch trained
 * @param bestEpoch the epoch with the lowest validation loss; the model holds its weights when
 *     early stopping restores the best weights, else the last epoch's
 * @param stoppedEarly whether early stopping ended training before the planned epochs
 * @param savedModelUri the SavedModel for serving (serving_default signature)
 */
public record TrainingResult(
    String modelUri,
    int epochsCompleted,
    EpochMetrics lastEpoch,
    String lastCheckpointUri,
    double trainSeconds,
    String workerIdentity,
    Integer bestEpoch,
    Boolean stoppedEarly,
    String savedModelUri) {

  /** The fields of the first release, so older callers keep compiling. */
  public TrainingResult(
      String modelUri,
      int epochsCompleted,
      EpochMetrics lastEpoch,
      String lastCheckpointUri,
      double trainSeconds,
      String workerIdentity) {
    this(modelUri, epochsCompleted, lastEpoch, lastCheckpointUri, trainSeconds, workerIdentity, null, null, null);
  }
}
