package dev.trainflow.workflows.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code evaluator_config} of a run: the metric that decides blessing, its threshold, the
 * minimum lift over the baseline, and how long a not-blessed run waits for a push-anyway.
 *
 * <p>Recall is better higher: blessed when recall ≥ threshold. RMSE and MAE are better lower:
 * blessed when the value ≤ threshold. Lift is the relative improvement over the baseline on the
 * same split (popularity for recall, the training mean label for RMSE and MAE): 0.1 means 10 %
 * better.
 */
public record EvaluatorConfig(String metric, Double blessingThreshold, Double pushAnywayTimeoutHours, Double minLift) {

  public static final List<String> RETRIEVAL_METRICS =
      List.of(
          "recall_at_5", "recall_at_10", "recall_at_50", "recall_at_100",
          "recall_at_5_unseen", "recall_at_10_unseen", "recall_at_50_unseen", "recall_at_100_unseen");
  public static final List<String> RANKING_METRICS = List.of("rmse", "mae");
  public static final String DEFAULT_METRIC = "recall_at_100";
  public static final String DEFAULT_RANKING_METRIC = "rmse";
  /** No gate unless the run sets one: TFX's evaluator blesses when no threshold is configured. */
  public static final double DEFAULT_THRESHOLD = 0.0;
  public static final double DEFAULT_PUSH_ANYWAY_TIMEOUT_HOURS = 24.0;

  /** The fields of the first release, so callers that predate the newer ones keep compiling. */
  public EvaluatorConfig(String metric, Double blessingThreshold, Double pushAnywayTimeoutHours) {
    this(metric, blessingThreshold, pushAnywayTimeoutHours, null);
  }

  public static EvaluatorConfig empty() {
    return new EvaluatorConfig(null, null, null, null);
  }

  /** The metrics a model type is evaluated on. */
  public static List<String> metricsFor(String modelType) {
    if (ModelConfig.RANKING.equals(modelType)) {
      return RANKING_METRICS;
    }
    if (ModelConfig.MULTITASK.equals(modelType)) {
      List<String> both = new ArrayList<>(RETRIEVAL_METRICS);
      both.addAll(RANKING_METRICS);
      return List.copyOf(both);
    }
    return RETRIEVAL_METRICS;
  }

  public static String defaultMetric(String modelType) {
    return ModelConfig.RANKING.equals(modelType) ? DEFAULT_RANKING_METRIC : DEFAULT_METRIC;
  }

  /** RMSE and MAE: a smaller value is a better model. */
  public static boolean lowerIsBetter(String metric) {
    return RANKING_METRICS.contains(metric);
  }

  /** Retrieval defaults, for callers that predate the model-type-aware ones. */
  public EvaluatorConfig withDefaults() {
    return withDefaults(ModelConfig.RETRIEVAL);
  }

  /**
   * The metric defaults to the model type's primary one. The threshold defaults to no gate: 0 for
   * recall; for RMSE and MAE it stays null, which blesses any value.
   */
  public EvaluatorConfig withDefaults(String modelType) {
    String m = metric != null ? metric : defaultMetric(modelType);
    Double threshold = blessingThreshold != null ? blessingThreshold : lowerIsBetter(m) ? null : DEFAULT_THRESHOLD;
    return new EvaluatorConfig(
        m,
        threshold,
        pushAnywayTimeoutHours != null ? pushAnywayTimeoutHours : DEFAULT_PUSH_ANYWAY_TIMEOUT_HOURS,
        minLift);
  }
}
