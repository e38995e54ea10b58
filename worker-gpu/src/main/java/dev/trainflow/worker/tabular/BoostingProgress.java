package dev.trainflow.worker.tabular;

import java.util.function.Supplier;

/**
 * Told after every boosting round: the training activity heartbeats here, stores a checkpoint
 * every few rounds, and stops training on cancellation by throwing (the exception leaves the
 * trainer as it is).
 */
@FunctionalInterface
public interface BoostingProgress {
  BoostingProgress NONE = (done, total, checkpoint) -> {};

  /**
   * @param roundsDone rounds in the model so far, resumed ones included
   * @param checkpoint the model's bytes now (serialized only when asked for), to resume from with
   *     {@link XGBoostTrainer#fit(EncodedData, TabularTask, int, TrainerParams, byte[], BoostingProgress)}
   */
  void afterRound(int roundsDone, int totalRounds, Supplier<byte[]> checkpoint);
}
