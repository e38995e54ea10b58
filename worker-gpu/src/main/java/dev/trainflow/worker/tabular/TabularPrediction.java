package dev.trainflow.worker.tabular;

import java.util.List;

/**
 * A tabular model's answer for some rows.
 *
 * @param classLabels the classes in the order of each row's probabilities (empty for regression)
 * @param probabilities one row of class probabilities per instance (classification; null otherwise)
 * @param values one predicted value per instance (regression; null otherwise)
 */
public record TabularPrediction(TabularTask task, List<String> classLabels, double[][] probabilities, double[] values) {

  public int rows() {
    return task.classification() ? probabilities.length : values.length;
  }

  /** The class with the highest probability (the first of them on a tie), as the metrics count it. */
  public String predictedClass(int row) {
    double[] p = probabilities[row];
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return classLabels.get(best);
  }
}
