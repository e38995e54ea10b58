package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * The {@code evaluator_config} of a run: the metric that decides blessing, its threshold, and how
 * long a not-blessed run waits for a push-anyway before it ends.
 */
public record EvaluatorConfig(String metric, Double blessingThreshold, Double pushAnywayTimeoutHours) {

  public static final List<String> RETRIEVAL_METRICS =
      List.of("recall_at_5", "recall_at_10", "recall_at_50", "recall_at_100");
  public static final String DEFAULT_METRIC = "recall_at_100";
  /** No gate unless the run sets one: TFX's evaluator blesses when no threshold is configured. */
  public static final double DEFAULT_THRESHOLD = 0.0;
  public static final double DEFAULT_PUSH_ANYWAY_TIMEOUT_HOURS = 24.0;

  public static EvaluatorConfig empty() {
    return new EvaluatorConfig(null, null, null);
  }

  public EvaluatorConfig withDefaults() {
    return new EvaluatorConfig(
        metric != null ? metric : DEFAULT_METRIC,
        blessingThreshold != null ? blessingThreshold : DEFAULT_THRESHOLD,
        pushAnywayTimeoutHours != null ? pushAnywayTimeoutHours : DEFAULT_PUSH_ANYWAY_TIMEOUT_HOURS);
  }
}
