package dev.trainflow.workflows.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code evaluator_config} of a run: the metric that decides blessing, its threshold, the
 * minimum lift over the baseline, and how long a not-blessed run waits for a push-anyway.
 *
 * <p>Recall is better higher: blessed when recall ≥ threshold. RMSE and MAE are better lower:
 * blessed when the value ≤ threshold. Lift is the relative improvement over the baseline on the
 * same split (popularity for recall, the training mean label for RMSE and MAE): 0.1 means 10 %
 * better.
 *
 * <p>Tabular runs are blessed by {@code thresholds}, the seed's gates ({@code min_accuracy},
 * {@code min_precision}, {@code min_recall}, {@code min_f1_score}, {@code min_auc_roc} and for
 * regression {@code max_rmse}, {@code max_mae}, {@code min_r2}), all of which must pass; {@code
 * metric} is then only the headline (and a tuning objective's default).
 */
public record EvaluatorConfig(
    String metric,
    Double blessingThreshold,
    Double pushAnywayTimeoutHours,
    Double minLift,
    Map<String, Double> thresholds) {

  public static final List<String> CLASSIFICATION_METRICS =
      List.of("accuracy", "precision", "recall", "f1_score", "roc_auc", "pr_auc");
  public static final List<String> REGRESSION_METRICS = List.of("rmse", "mae", "r2");
  /** Gate name → the metric it reads; min_ gates pass at value ≥ threshold, max_ at value ≤. */
  public static final Map<String, String> GATES = gates();

  private static Map<String, String> gates() {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("min_accuracy", "accuracy");
    g.put("min_precision", "precision");
    g.put("min_recall", "recall");
    g.put("min_f1_score", "f1_score");
    g.put("min_auc_roc", "roc_auc");
    g.put("min_pr_auc", "pr_auc");
    g.put("max_rmse", "rmse");
    g.put("max_mae", "mae");
    g.put("min_r2", "r2");
    return java.util.Collections.unmodifiableMap(g);
  }

  /** The fields before the tabular gates, so callers that predate them keep compiling. */
  public EvaluatorConfig(String metric, Double blessingThreshold, Double pushAnywayTimeoutHours, Double minLift) {
    this(metric, blessingThreshold, pushAnywayTimeoutHours, minLift, null);
  }

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
    return new EvaluatorConfig(null, null, null, null, null);
  }

  /** The metrics a model type is evaluated on. */
  public static List<String> metricsFor(String modelType) {
    if (ModelConfig.CLASSIFICATION.equals(modelType)) {
      return CLASSIFICATION_METRICS;
    }
    if (ModelConfig.REGRESSION.equals(modelType)) {
      return REGRESSION_METRICS;
    }
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
    if (ModelConfig.CLASSIFICATION.equals(modelType)) {
      return "roc_auc";
    }
    return ModelConfig.RANKING.equals(modelType) || ModelConfig.REGRESSION.equals(modelType)
        ? DEFAULT_RANKING_METRIC
        : DEFAULT_METRIC;
  }

  /** RMSE and MAE: a smaller value is a better model. */
  public static boolean lowerIsBetter(String metric) {
    return RANKING_METRICS.contains(metric);
  }

  /** The gates that apply to a model type: min_ gates for classification, the error ones for regression. */
  public static List<String> gatesFor(String modelType) {
    List<String> metrics = metricsFor(modelType);
    return GATES.entrySet().stream().filter(e -> metrics.contains(e.getValue())).map(Map.Entry::getKey).toList();
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
    boolean tabular = modelType != null && ModelConfig.TABULAR_TYPES.contains(modelType);
    Double threshold =
        blessingThreshold != null ? blessingThreshold : lowerIsBetter(m) || tabular ? null : DEFAULT_THRESHOLD;
    return new EvaluatorConfig(
        m,
        threshold,
        pushAnywayTimeoutHours != null ? pushAnywayTimeoutHours : DEFAULT_PUSH_ANYWAY_TIMEOUT_HOURS,
        minLift,
        tabular ? (thresholds != null ? thresholds : Map.of()) : thresholds);
  }
}
