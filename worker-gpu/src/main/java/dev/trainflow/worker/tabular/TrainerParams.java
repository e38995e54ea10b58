package dev.trainflow.worker.tabular;

/**
 * Hyperparameters shared by the tree trainers.
 *
 * @param trees boosting rounds (XGBoost) or trees in the forest
 * @param maxDepth deepest split; 0 lets the random forest grow unbounded
 * @param learningRate shrinkage per boosting round (XGBoost only)
 * @param seed makes training reproducible
 */
public record TrainerParams(int trees, int maxDepth, double learningRate, long seed) {
  public static final TrainerParams DEFAULTS = new TrainerParams(200, 4, 0.1, 42L);

  public TrainerParams {
    if (trees < 1) {
      throw new IllegalArgumentException("trees must be at least 1, got " + trees);
    }
    if (maxDepth < 0) {
      throw new IllegalArgumentException("max_depth must not be negative, got " + maxDepth);
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learning_rate must be in (0, 1], got " + learningRate);
    }
  }

  public TrainerParams withSeed(long newSeed) {
    return new TrainerParams(trees, maxDepth, learningRate, newSeed);
  }
}
