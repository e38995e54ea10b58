package dev.trainflow.worker.tabular;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy, precision, recall, F1, ROC-AUC and PR-AUC from true classes and predicted class
 * probabilities. Binary: precision, recall and F1 of class 1 at the 0.5 threshold (the predicted
 * class is the most probable one); multiclass: their macro averages, with ROC-AUC and PR-AUC
 * averaged one-vs-rest. PR-AUC is average precision (the step-wise area, as scikit-learn's
 * {@code average_precision_score}), which does not interpolate optimistically.
 */
public final class ClassificationMetrics {
  public static final String ACCURACY = "accuracy";
  public static final String PRECISION = "precision";
  public static final String RECALL = "recall";
  public static final String F1_SCORE = "f1_score";
  public static final String ROC_AUC = "roc_auc";
  public static final String PR_AUC = "pr_auc";

  private ClassificationMetrics() {}

  public static Map<String, Double> of(int[] truth, double[][] probabilities, int classes) {
    if (truth.length != probabilities.length || truth.length == 0) {
      throw new IllegalArgumentException(
          "need as many probability rows as labels, and at least one: " + truth.length + " vs " + probabilities.length);
    }
    int n = truth.length;
    int[] predicted = new int[n];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      predicted[i] = argmax(probabilities[i]);
      correct += predicted[i] == truth[i] ? 1 : 0;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(ACCURACY, (double) correct / n);
    if (classes == 2) {
      double[] positive = column(probabilities, 1);
      boolean[] isPositive = is(truth, 1);
      metrics.put(PRECISION, precision(predicted, truth, 1));
      metrics.put(RECALL, recall(predicted, truth, 1));
      metrics.put(F1_SCORE, f1(metrics.get(PRECISION), metrics.get(RECALL)));
      metrics.put(ROC_AUC, rocAuc(positive, isPositive));
      metrics.put(PR_AUC, averagePrecision(positive, isPositive));
      return metrics;
    }
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    double roc = 0;
    double pr = 0;
    for (int c = 0; c < classes; c++) {
      double p = precision(predicted, truth, c);
      double r = recall(predicted, truth, c);
      precision += p;
      recall += r;
      f1 += f1(p, r);
      roc += rocAuc(column(probabilities, c), is(truth, c));
      pr += averagePrecision(column(probabilities, c), is(truth, c));
    }
    metrics.put(PRECISION, precision / classes);
    metrics.put(RECALL, recall / classes);
    metrics.put(F1_SCORE, f1 / classes);
    metrics.put(ROC_AUC, roc / classes);
    metrics.put(PR_AUC, pr / classes);
    return metrics;
  }

  /**
   * The probability that a random positive scores above a random negative, ties counting half
   * (Mann-Whitney U over average ranks). NaN without both positives and negatives.
   */
  public static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = sortedIndices(scores, false);
    double[] rank = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double average = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        rank[order[k]] = average;
      }
      i = j + 1;
    }
    long positives = 0;
    double rankSum = 0;
    for (int k = 0; k < n; k++) {
      if (positive[k]) {
        positives++;
        rankSum += rank[k];
      }
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Average precision: the sum over distinct score thresholds, highest first, of precision at the
   * threshold times the recall it adds. NaN without positives.
   */
  public static double averagePrecision(double[] scores, boolean[] positive) {
    Integer[] order = sortedIndices(scores, true);
    long positives = 0;
    for (boolean p : positive) {
      positives += p ? 1 : 0;
    }
    if (positives == 0) {
      return Double.NaN;
    }
    double area = 0;
    long truePositives = 0;
    long seen = 0;
    double previousRecall = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && scores[order[j]] == scores[order[i]]) {
        truePositives += positive[order[j]] ? 1 : 0;
        seen++;
        j++;
      }
      double recall = (double) truePositives / positives;
      area += (recall - previousRecall) * ((double) truePositives / seen);
      previousRecall = recall;
      i = j;
    }
    return area;
  }

  private static double precision(int[] predicted, int[] truth, int c) {
    int predictedC = 0;
    int hits = 0;
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i] == c) {
        predictedC++;
        hits += truth[i] == c ? 1 : 0;
      }
    }
    return predictedC == 0 ? 0.0 : (double) hits / predictedC;
  }

  private static double recall(int[] predicted, int[] truth, int c) {
    int actual = 0;
    int hits = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == c) {
        actual++;
        hits += predicted[i] == c ? 1 : 0;
      }
    }
    return actual == 0 ? 0.0 : (double) hits / actual;
  }

  private static double f1(double precision, double recall) {
    return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  private static double[] column(double[][] p, int c) {
    return Arrays.stream(p).mapToDouble(row -> row[c]).toArray();
  }

  private static boolean[] is(int[] truth, int c) {
    boolean[] out = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      out[i] = truth[i] == c;
    }
    return out;
  }

  private static Integer[] sortedIndices(double[] scores, boolean descending) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> descending ? Double.compare(scores[b], scores[a]) : Double.compare(scores[a], scores[b]));
    return order;
  }
}
