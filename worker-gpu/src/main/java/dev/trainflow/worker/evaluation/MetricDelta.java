package dev.trainflow.worker.evaluation;

/**
 * One metric of a champion/challenger comparison: both models' values on the same held-out rows,
 * the candidate's difference, and its bootstrap confidence interval.
 *
 * @param delta candidate − champion (for RMSE and MAE a negative delta is an improvement)
 * @param verdict {@code better} or {@code worse} when the interval excludes 0, else {@code
 *     inconclusive}
 */
public record MetricDelta(
    String metric,
    double candidate,
    double champion,
    double delta,
    double ciLow,
    double ciHigh,
    boolean lowerIsBetter,
    String verdict) {

  public static final String BETTER = "better";
  public static final String WORSE = "worse";
  public static final String INCONCLUSIVE = "inconclusive";
}
