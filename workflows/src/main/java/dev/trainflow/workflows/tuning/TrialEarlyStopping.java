package dev.trainflow.workflows.tuning;

/**
 * Early stopping of trials: {@code successive_halving} (asynchronous, as ASHA does it). Rungs are
 * at steps {@code min_steps · reduction_factor^k}; a trial reporting at a rung where at least
 * {@code reduction_factor} trials have reported continues only if it is in the top
 * {@code 1/reduction_factor} of that rung, and is cancelled otherwise.
 */
public record TrialEarlyStopping(String type, Integer reductionFactor, Integer minSteps) {
  public static final String SUCCESSIVE_HALVING = "successive_halving";
  public static final int DEFAULT_REDUCTION_FACTOR = 3;
  public static final int DEFAULT_MIN_STEPS = 1;

  public int eta() {
    return reductionFactor != null ? reductionFactor : DEFAULT_REDUCTION_FACTOR;
  }

  public int firstRung() {
    return minSteps != null ? minSteps : DEFAULT_MIN_STEPS;
  }

  /** Whether {@code step} is a rung: {@code min_steps · eta^k} for some k ≥ 0. */
  public boolean isRung(int step) {
    long rung = firstRung();
    while (rung < step) {
      rung *= eta();
    }
    return rung == step;
  }
}
