package dev.trainflow.workflows.tuning;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a tuning job searches: the space (hyperparameter name → range), the objective, the trial
 * budget and how many trials may run at once, the algorithm ({@code random} or {@code tpe}),
 * optional early stopping of trials, and the seed that makes the suggestions reproducible.
 *
 * @param startupTrials TPE: trials sampled at random before the model is used; null for the
 *     default ({@link #startupTrialsOrDefault()})
 * @param gamma TPE: the share of observed trials counted as good; null for 0.25
 */
public record TuningSpec(
    Map<String, ParameterRange> searchSpace,
    TuningObjective objective,
    int maxTrials,
    int parallelism,
    String algorithm,
    TrialEarlyStopping earlyStopping,
    long seed,
    Integer startupTrials,
    Double gamma) {
  public static final String RANDOM = "random";
  public static final String TPE = "tpe";
  public static final List<String> ALGORITHMS = List.of(RANDOM, TPE);
  public static final int MAX_TRIALS = 200;
  public static final double DEFAULT_GAMMA = 0.25;

  /** The space in name order, so sampling never depends on the order a request listed it in. */
  public Map<String, ParameterRange> orderedSpace() {
    return new TreeMap<>(searchSpace);
  }

  /** A third of the budget, between 2 and 10: enough spread for the densities to mean something. */
  public int startupTrialsOrDefault() {
    return startupTrials != null ? startupTrials : Math.max(2, Math.min(10, maxTrials / 3));
  }

  public double gammaOrDefault() {
    return gamma != null ? gamma : DEFAULT_GAMMA;
  }
}
