package dev.trainflow.worker.tabular;

import java.util.LinkedHashMap;
import java.util.Map;

/** RMSE, MAE and R² (1 − residual sum of squares / total sum of squares around the mean). */
public final class RegressionMetrics {
  public static final String RMSE = "rmse";
  public static final String MAE = "mae";
  public static final String R2 = "r2";

  private RegressionMetrics() {}

  public static Map<String, Double> of(double[] truth, double[] predicted) {
    if (truth.length != predicted.length || truth.length == 0) {
      throw new IllegalArgumentException(
          "need as many predictions as targets, and at least one: " + truth.length + " vs " + predicted.length);
    }
    int n = truth.length;
    double mean = 0;
    for (double t : truth) {
      mean += t / n;
    }
    double squared = 0;
    double absolute = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double error = predicted[i] - truth[i];
      squared += error * error;
      absolute += Math.abs(error);
      total += (truth[i] - mean) * (truth[i] - mean);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(RMSE, Math.sqrt(squared / n));
    metrics.put(MAE, absolute / n);
    metrics.put(R2, total == 0 ? Double.NaN : 1 - squared / total);
    return metrics;
  }
}
