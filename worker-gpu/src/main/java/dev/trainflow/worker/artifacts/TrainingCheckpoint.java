package dev.trainflow.worker.artifacts;

import dev.trainflow.workflows.activities.EpochMetrics;

/**
 * The content of a checkpoint's {@code checkpoint.json}; the weights and optimizer slots are in
 * {@code weightsFile} next to it. A checkpoint at an epoch boundary has {@code rowsDoneInEpoch}
 * 0; one written when training was cancelled mid-epoch records how far into the next epoch's
 * shuffled order it got, so a resumed run replays that order and skips what was done.
 *
 * @param completedEpochs epochs fully trained, validated and reported
 * @param rowsDoneInEpoch training rows already consumed of epoch {@code completedEpochs + 1}
 * @param shuffleSeed the seed each epoch's order derives from (with the epoch number)
 * @param epochLossSum summed training loss of those rows
 * @param epochTrainSeconds time spent training those rows
 * @param lastEpoch metrics of epoch {@code completedEpochs}, null before the first
 */
public record TrainingCheckpoint(
    int completedEpochs,
    long rowsDoneInEpoch,
    long shuffleSeed,
    double epochLossSum,
    double epochTrainSeconds,
    String optimizer,
    EpochMetrics lastEpoch,
    String weightsFile) {

  public static final String FILE_NAME = "checkpoint.json";

  /** The checkpoint folder's name: {@code epoch-<n>}, or {@code epoch-<n>-rows-<r>} mid-epoch. */
  public String folderName() {
    return rowsDoneInEpoch == 0
        ? "epoch-" + completedEpochs
        : "epoch-" + completedEpochs + "-rows-" + rowsDoneInEpoch;
  }
}
