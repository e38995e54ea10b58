package dev.trainflow.worker.training;

import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.spec.EarlyStopping;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keras's EarlyStopping on the validation loss: an epoch improves when its loss is below the best
 * so far by more than {@code min_delta}; after {@code patience} epochs without one, training
 * stops. The best epoch is tracked even without early stopping, so the result can name it. Its
 * state lives in the {@link TrainingPosition} so a checkpoint carries it.
 */
final class EarlyStopper {
  private final EarlyStopping config;

  /** @param config with defaults applied, or null when the run trains every epoch */
  EarlyStopper(EarlyStopping config) {
    this.config = config;
  }

  boolean restoresBestWeights() {
    return config != null && Boolean.TRUE.equals(config.restoreBestWeights());
  }

  /**
   * Records the epoch; returns whether training should stop now.
   *
   * @param weights the model's current weights, read only when they are the new best and kept
   */
  boolean afterEpoch(TrainingPosition position, EpochMetrics metrics, Supplier<List<NamedTensor>> weights) {
    double monitored = metrics.validationLoss() != null ? metrics.validationLoss() : metrics.trainLoss();
    double minDelta = config != null ? config.minDelta() : 0.0;
    if (position.bestLoss == null || monitored < position.bestLoss - minDelta) {
      position.bestLoss = monitored;
      position.bestEpoch = metrics.epoch();
      position.bestMetrics = metrics;
      position.epochsWithoutImprovement = 0;
      if (restoresBestWeights()) {
        position.bestWeights = weights.get();
      }
      return false;
    }
    position.epochsWithoutImprovement++;
    if (config != null && position.epochsWithoutImprovement >= config.patience()) {
      position.stoppedEarly = true;
      return true;
    }
    return false;
  }
}
