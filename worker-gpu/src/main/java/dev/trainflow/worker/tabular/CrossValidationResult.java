package dev.trainflow.worker.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-fold results: every fold's metrics, and per metric the mean and the sample standard deviation
 * (n − 1) across folds.
 */
public record CrossValidationResult(List<Map<String, Double>> folds, Map<String, Double> mean, Map<String, Double> std) {

  static CrossValidationResult of(List<Map<String, Double>> folds) {
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Double> std = new LinkedHashMap<>();
    for (String metric : folds.get(0).keySet()) {
      double[] values = folds.stream().mapToDouble(f -> f.get(metric)).toArray();
      double m = 0;
      for (double v : values) {
        m += v / values.length;
      }
      double squares = 0;
      for (double v : values) {
        squares += (v - m) * (v - m);
      }
      mean.put(metric, m);
      std.put(metric, values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0.0);
    }
    return new CrossValidationResult(List.copyOf(folds), mean, std);
  }
}
