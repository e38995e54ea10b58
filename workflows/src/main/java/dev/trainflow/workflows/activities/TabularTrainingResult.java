package dev.trainflow.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * @param task {@code binary}, {@code multiclass} or {@code regression}
 * @param metrics on the test split
 * @param cvMean per metric across folds; empty without cross-validation
 * @param cvStd sample standard deviation per metric across folds
 * @param featureImportance gain per source column, summing to 1, largest first
 * @param gates each threshold gate's verdict, in the order configured
 * @param blessed every gate passed (no gates: true)
 * @param evaluationUri the evaluation report (metrics, cross-validation, gates, importance)
 */
public record TabularTrainingResult(
    String modelUri,
    String importanceUri,
    String trainer,
    String task,
    List<String> classLabels,
    Map<String, Double> metrics,
    Map<String, Double> cvMean,
    Map<String, Double> cvStd,
    Map<String, Double> featureImportance,
    List<Gate> gates,
    boolean blessed,
    String evaluationUri) {

  public record Gate(String gate, String metric, double threshold, Double value, boolean passed) {}
}
