package dev.trainflow.worker.artifacts;

import dev.trainflow.workflows.activities.EpochMetrics;

/**
 * The content of a checkpoint's {@code checkpoint.json}; the weights and optimizer slots are in
 * {@code weightsFile} next to it, the early-stopping best weights (if kept) in {@code
 * bestWeightsFile}. A checkpoint at an epoch boundary has {@code rowsDoneInEpoch} 0; one written
 * when training was cancelled mid-epoch records how far into the next epoch's shuffled order it
 * got, so a resumed run replays that order and skips what was done.
 *
 * <p>The random state is {@code shuffleSeed}: each epoch's order derives from it and the epoch
 * number, and initial weights are drawn before the first step, so nothing else is random.
 *
 * @param completedEpochs epochs fully trained, validated and reported
 * @param rowsDoneInEpoch training rows already consumed of epoch {@code completedEpochs + 1}
 * @param shuffleSeed the seed each epoch's order derives from (with the epoch number)
 * @param epochLossSum summed training loss of those rows
 * @param epochTrainSeconds time spent training those rows
 * @param lastEpoch metrics of epoch {@code completedEpochs}, null before the first
 * @param plateauRate the learning rate reduce_on_plateau has reached (the base rate otherwise)
 * @param plateauBestLoss the best validation loss reduce_on_plateau has seen
 * @param plateauWait epochs since reduce_on_plateau last saw an improvement or cut the rate
 * @param bestValidationLoss the best validation loss early stopping has seen
 * @param bestEpoch the epoch that had it
 * @param bestMetrics that epoch's metrics
 * @param epochsWithoutImprovement epochs since then
 * @param stoppedEarly whether early stopping ended the training
 */
public record TrainingCheckpoint(
    int completedEpochs,
    long rowsDoneInEpoch,
    long shuffleSeed,
    double epochLossSum,
    double epochTrainSeconds,
    String optimizer,
    EpochMetrics lastEpoch,
    String weightsFile,
    Double plateauRate,
    Double plateauBestLoss,
    Integer plateauWait,
    Double bestValidationLoss,
    Integer bestEpoch,
    EpochMetrics bestMetrics,
    Integer epochsWithoutImprovement,
    Boolean stoppedEarly,
    String bestWeightsFile) {

  public static final String FILE_NAME = "checkpoint.json";
  public static final String BEST_WEIGHTS_FILE = "best_weights.bin";

  /** The checkpoint folder's name: {@code epoch-<n>}, or {@code epoch-<n>-rows-<r>} mid-epoch. */
  public String folderName() {
    return rowsDoneInEpoch == 0
        ? "epoch-" + completedEpochs
        : "epoch-" + completedEpochs + "-rows-" + rowsDoneInEpoch;
  }
}
