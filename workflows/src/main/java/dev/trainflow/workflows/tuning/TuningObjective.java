package dev.trainflow.workflows.tuning;

import java.util.List;
import java.util.Map;

/**
 * What a tuning job optimizes: a metric of the trial runs' evaluation, and whether higher or lower
 * is better. The final value is read from the run's evaluation metrics under {@code metric};
 * successive halving compares the per-step reports under its base name (without a {@code cv_}
 * prefix, since each fold reports its own value, not the mean).
 */
public record TuningObjective(String metric, String direction) {
  public static final String MAXIMIZE = "maximize";
  public static final String MINIMIZE = "minimize";
  public static final List<String> DIRECTIONS = List.of(MAXIMIZE, MINIMIZE);
  private static final String CV_PREFIX = "cv_";

  public boolean maximize() {
    return !MINIMIZE.equals(direction);
  }

  /** Whether {@code a} is strictly better than {@code b}. */
  public boolean better(double a, double b) {
    return maximize() ? a > b : a < b;
  }

  /** The metric as a step's report names it. */
  public String stepMetric() {
    return metric.startsWith(CV_PREFIX) ? metric.substring(CV_PREFIX.length()) : metric;
  }

  /** The objective's value in a step report, or null when the report lacks it. */
  public Double stepValue(Map<String, Double> metrics) {
    if (metrics == null) {
      return null;
    }
    Double value = metrics.get(stepMetric());
    return value != null ? value : metrics.get(metric);
  }
}
