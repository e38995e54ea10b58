package dev.trainflow.worker.training;

import dev.trainflow.worker.artifacts.TrainingCheckpoint;
import dev.trainflow.workflows.activities.EpochMetrics;

/** Where a training run stands: what a checkpoint records, updated after every step. */
final class TrainingPosition {
  /** The seed each epoch's order derives from: the run's, or the resumed checkpoint's. */
  final long shuffleSeed;
  int completedEpochs;
  long rowsDoneInEpoch;
  double epochLossSum;
  double epochTrainSeconds;
  EpochMetrics lastEpoch;
  String lastCheckpointUri;
  /** Whether the last checkpoint holds the current state: nothing to write on stop. */
  boolean checkpointed;

  private TrainingPosition(long shuffleSeed) {
    this.shuffleSeed = shuffleSeed;
  }

  static TrainingPosition fresh(long seed) {
    return new TrainingPosition(seed);
  }

  static TrainingPosition resumed(TrainingCheckpoint checkpoint, String uri) {
    TrainingPosition position = new TrainingPosition(checkpoint.shuffleSeed());
    position.completedEpochs = checkpoint.completedEpochs();
    position.rowsDoneInEpoch = checkpoint.rowsDoneInEpoch();
    position.epochLossSum = checkpoint.epochLossSum();
    position.epochTrainSeconds = checkpoint.epochTrainSeconds();
    position.lastEpoch = checkpoint.lastEpoch();
    position.lastCheckpointUri = uri;
    position.checkpointed = true;
    return position;
  }

  void stepDone(long rowsDone, double batchLoss, double seconds) {
    rowsDoneInEpoch = rowsDone;
    epochLossSum += batchLoss;
    epochTrainSeconds += seconds;
    checkpointed = false;
  }

  void epochDone(EpochMetrics metrics) {
    completedEpochs = metrics.epoch();
    rowsDoneInEpoch = 0;
    epochLossSum = 0;
    epochTrainSeconds = 0;
    lastEpoch = metrics;
    checkpointed = false;
  }

  TrainingCheckpoint checkpoint(String optimizer, String weightsFile) {
    return new TrainingCheckpoint(
        completedEpochs, rowsDoneInEpoch, shuffleSeed, epochLossSum, epochTrainSeconds, optimizer, lastEpoch, weightsFile);
  }
}
