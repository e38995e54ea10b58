package dev.trainflow.worker.evaluation;

import dev.trainflow.workflows.spec.EvaluatorConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a model is blessed: its metric passes the threshold (≥ for recall, ≤ for RMSE
 * and MAE; no threshold passes) and, when the evaluator sets {@code min_lift}, its lift over the
 * baseline on the same split is at least that.
 */
public final class BlessingPolicy {
  private BlessingPolicy() {}

  /**
   * The relative improvement of each metric over the baseline's: (value − baseline) / baseline,
   * or (baseline − value) / baseline where lower is better. Metrics without a baseline, or with a
   * zero baseline, have no lift.
   */
  public static Map<String, Double> lift(Map<String, Double> metrics, Map<String, Double> baseline) {
    Map<String, Double> lift = new LinkedHashMap<>();
    metrics.forEach(
        (name, value) -> {
          Double base = baseline.get(name);
          if (base != null && base != 0 && value != null) {
            lift.put(name, EvaluatorConfig.lowerIsBetter(name) ? (base - value) / base : (value - base) / base);
          }
        });
    return lift;
  }

  /** @param evaluator with defaults applied */
  public static boolean blessed(EvaluatorConfig evaluator, double value, Map<String, Double> lift) {
    Double threshold = evaluator.blessingThreshold();
    boolean passes =
        threshold == null
            || (EvaluatorConfig.lowerIsBetter(evaluator.metric()) ? value <= threshold : value >= threshold);
    if (evaluator.minLift() == null) {
      return passes;
    }
    Double metricLift = lift.get(evaluator.metric());
    return passes && metricLift != null && metricLift >= evaluator.minLift();
  }
}
