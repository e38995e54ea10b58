package dev.trainflow.worker.training;

import dev.trainflow.workflows.spec.LearningRateSchedule;

/**
 * The learning rate of every step, from the run's schedule. Cosine schedules move every step, by
 * the training progress t in epochs (step s of S in epoch e is at t = e − 1 + (s + 1) / S);
 * reduce_on_plateau moves between epochs, and its state lives in the {@link TrainingPosition} so
 * a checkpoint carries it.
 */
final class LearningRateScheduler {
  private final LearningRateSchedule schedule;
  private final double baseRate;
  private final int epochs;

  /** @param schedule with defaults applied */
  LearningRateScheduler(LearningRateSchedule schedule, double baseRate, int epochs) {
    this.schedule = schedule;
    this.baseRate = baseRate;
    this.epochs = epochs;
  }

  double baseRate() {
    return baseRate;
  }

  /** The rate of step {@code step} (0-based) of {@code stepsPerEpoch} in epoch {@code epoch} (1-based). */
  double rate(TrainingPosition position, int epoch, int step, int stepsPerEpoch) {
    double t = epoch - 1 + (step + 1) / (double) Math.max(1, stepsPerEpoch);
    double minRate = schedule.minLr() != null ? schedule.minLr() : 0.0;
    return switch (schedule.type()) {
      case LearningRateSchedule.REDUCE_ON_PLATEAU -> position.plateauRate;
      case LearningRateSchedule.COSINE -> cosine(baseRate, minRate, Math.min(1.0, t / epochs));
      case LearningRateSchedule.WARMUP_COSINE -> {
        double warmup = schedule.warmupEpochs() != null ? schedule.warmupEpochs() : 0.0;
        if (t < warmup) {
          yield baseRate * t / warmup;
        }
        yield cosine(baseRate, minRate, Math.min(1.0, (t - warmup) / Math.max(1e-9, epochs - warmup)));
      }
      default -> baseRate;
    };
  }

  /**
   * After each epoch: reduce_on_plateau cuts the rate by {@code factor} (not below {@code min_lr})
   * once the validation loss has not improved for {@code patience} epochs, then waits again.
   */
  void afterEpoch(TrainingPosition position, Double validationLoss) {
    if (!LearningRateSchedule.REDUCE_ON_PLATEAU.equals(schedule.type()) || validationLoss == null) {
      return;
    }
    if (position.plateauBestLoss == null || validationLoss < position.plateauBestLoss) {
      position.plateauBestLoss = validationLoss;
      position.plateauWait = 0;
      return;
    }
    position.plateauWait++;
    if (position.plateauWait >= schedule.patience()) {
      position.plateauRate = Math.max(position.plateauRate * schedule.factor(), schedule.minLr());
      position.plateauWait = 0;
    }
  }

  /** From {@code from} at progress 0 to {@code to} at progress 1 along half a cosine. */
  private static double cosine(double from, double to, double progress) {
    return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
