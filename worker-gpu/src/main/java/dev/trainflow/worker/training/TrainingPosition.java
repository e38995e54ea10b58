package dev.trainflow.worker.training;

import dev.trainflow.worker.artifacts.TrainingCheckpoint;
import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.workflows.activities.EpochMetrics;
import java.util.List;

/**
 * Where a training run stands: what a checkpoint records, updated after every step, plus the
 * schedule's and early stopping's state, so a resumed run decides every later step as the
 * uninterrupted one would.
 */
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
  double plateauRate;
  Double plateauBestLoss;
  int plateauWait;
  Double bestLoss;
  int bestEpoch;
  EpochMetrics bestMetrics;
  int epochsWithoutImprovement;
  boolean stoppedEarly;
  List<NamedTensor> bestWeights;

  private TrainingPosition(long shuffleSeed, double baseRate) {
    this.shuffleSeed = shuffleSeed;
    this.plateauRate = baseRate;
  }

  static TrainingPosition fresh(long seed, double baseRate) {
    return new TrainingPosition(seed, baseRate);
  }

  static TrainingPosition resumed(TrainingCheckpoint checkpoint, List<NamedTensor> bestWeights, String uri, double baseRate) {
    TrainingPosition position = new TrainingPosition(checkpoint.shuffleSeed(), baseRate);
    position.completedEpochs = checkpoint.completedEpochs();
    position.rowsDoneInEpoch = checkpoint.rowsDoneInEpoch();
    position.epochLossSum = checkpoint.epochLossSum();
    position.epochTrainSeconds = checkpoint.epochTrainSeconds();
    position.lastEpoch = checkpoint.lastEpoch();
    position.lastCheckpointUri = uri;
    position.checkpointed = true;
    if (checkpoint.plateauRate() != null) {
      position.plateauRate = checkpoint.plateauRate();
    }
    position.plateauBestLoss = checkpoint.plateauBestLoss();
    position.plateauWait = checkpoint.plateauWait() != null ? checkpoint.plateauWait() : 0;
    position.bestLoss = checkpoint.bestValidationLoss();
    position.bestEpoch = checkpoint.bestEpoch() != null ? checkpoint.bestEpoch() : 0;
    position.bestMetrics = checkpoint.bestMetrics();
    position.epochsWithoutImprovement = checkpoint.epochsWithoutImprovement() != null ? checkpoint.epochsWithoutImprovement() : 0;
    position.stoppedEarly = Boolean.TRUE.equals(checkpoint.stoppedEarly());
    position.bestWeights = bestWeights;
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
        completedEpochs, rowsDoneInEpoch, shuffleSeed, epochLossSum, epochTrainSeconds, optimizer, lastEpoch, weightsFile,
        plateauRate, plateauBestLoss, plateauWait, bestLoss, bestEpoch, bestMetrics, epochsWithoutImprovement, stoppedEarly,
        bestWeights != null ? TrainingCheckpoint.BEST_WEIGHTS_FILE : null);
  }
}
