package dev.trainflow.workflows.activities;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test-split metrics of the trained model, the baseline on the same split (the popularity list for
 * recall, the training mean label for RMSE and MAE), the lift over it, and the blessing decision:
 * {@code metric >= threshold} for recall, {@code metric <= threshold} for RMSE and MAE, and when
 * {@code minLift} is set, {@code lift[metric] >= minLift} as well.
 *
 * @param threshold null when no threshold applies (RMSE or MAE without one)
 * @param lift per metric, the relative improvement over the baseline: 0.1 = 10 % better
 * @param modelEpoch the epoch whose weights the model holds (the best one after early stopping)
 * @param gates tabular runs: each threshold gate's verdict (blessed when all pass); null otherwise
 * @param featureImportance tabular runs: gain per source column, summing to 1, largest first
 */
public record EvaluationResult(
    String metric,
    double value,
    Double threshold,
    boolean blessed,
    Map<String, Double> metrics,
    Map<String, Double> baselineMetrics,
    long testExamples,
    String uri,
    String modelType,
    Map<String, Double> lift,
    Double minLift,
    Integer modelEpoch,
    List<TabularTrainingResult.Gate> gates,
    Map<String, Double> featureImportance) {

  /** The fields before tabular runs, so older callers keep compiling. */
  public EvaluationResult(
      String metric,
      double value,
      Double threshold,
      boolean blessed,
      Map<String, Double> metrics,
      Map<String, Double> baselineMetrics,
      long testExamples,
      String uri,
      String modelType,
      Map<String, Double> lift,
      Double minLift,
      Integer modelEpoch) {
    this(metric, value, threshold, blessed, metrics, baselineMetrics, testExamples, uri, modelType, lift, minLift,
        modelEpoch, null, null);
  }

  /** The fields of the first release (retrieval only), so older callers keep compiling. */
  public EvaluationResult(
      String metric,
      double value,
      double threshold,
      boolean blessed,
      Map<String, Double> metrics,
      Map<String, Double> baselineMetrics,
      long testExamples,
      String uri) {
    this(metric, value, threshold, blessed, metrics, baselineMetrics, testExamples, uri, null, null, null, null,
        null, null);
  }

  /** One line for the Evaluate stage: the metric against its threshold and the baseline. */
  public String summary() {
    if (gates != null) {
      return gateSummary();
    }
    boolean lower = "rmse".equals(metric) || "mae".equals(metric);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %.4f", metric, value));
    if (threshold != null) {
      String op = lower ? (blessed ? "<=" : ">") : (blessed ? ">=" : "<");
      line.append(String.format(Locale.ROOT, " %s threshold %.4f", op, threshold));
    }
    Double baseline = baselineMetrics == null ? null : baselineMetrics.get(metric);
    if (baseline != null) {
      line.append(String.format(Locale.ROOT, "; baseline %.4f", baseline));
    }
    Double metricLift = lift == null ? null : lift.get(metric);
    if (metricLift != null) {
      line.append(String.format(Locale.ROOT, ", lift %+.1f%%", 100 * metricLift));
      if (minLift != null) {
        line.append(String.format(Locale.ROOT, " (min %+.1f%%)", 100 * minLift));
      }
    }
    return line.append(blessed ? "; blessed" : "; not blessed").toString();
  }

  /** Tabular runs: the headline metric and each gate, e.g. "roc_auc 0.8612; min_auc_roc 0.75 passed". */
  private String gateSummary() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %.4f", metric, value));
    for (TabularTrainingResult.Gate g : gates) {
      line.append(String.format(Locale.ROOT, "; %s %s %s", g.gate(), trim(g.threshold()), g.passed() ? "passed" : "FAILED"));
      if (!g.passed()) {
        line.append(g.value() == null ? " (no value)" : String.format(Locale.ROOT, " (%s %.4f)", g.metric(), g.value()));
      }
    }
    return line.append(blessed ? "; blessed" : "; not blessed").toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(v);
  }
}
