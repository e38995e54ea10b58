package dev.trainflow.worker.tabular;

/**
 * Hyperparameters shared by the tree trainers.
 *
 * @param trees boosting rounds (XGBoost, LightGBM) or trees in the forest
 * @param maxDepth deepest split; 0 lets the random forest grow unbounded
 * @param learningRate shrinkage per boosting round (the boosted trainers)
 * @param seed makes training reproducible
 * @param minChildWeight the boosted trainers: the least hessian sum in a leaf
 * @param subsample the boosted trainers: the fraction of rows sampled per round
 */
public record TrainerParams(
    int trees, int maxDepth, double learningRate, long seed, double minChildWeight, double subsample) {
  public static final TrainerParams DEFAULTS = new TrainerParams(200, 4, 0.1, 42L);

  public TrainerParams(int trees, int maxDepth, double learningRate, long seed) {
    this(trees, maxDepth, learningRate, seed, 1.0, 1.0);
  }

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
    if (!(minChildWeight >= 0)) {
      throw new IllegalArgumentException("min_child_weight must not be negative, got " + minChildWeight);
    }
    if (!(subsample > 0 && subsample <= 1)) {
      throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
    }
  }

  public TrainerParams withSeed(long newSeed) {
    return new TrainerParams(trees, maxDepth, learningRate, newSeed, minChildWeight, subsample);
  }
}
