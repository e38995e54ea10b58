package dev.trainflow.workflows.activities;

import java.util.Map;

/**
 * Test-split metrics of the trained model, the popularity baseline on the same split, and the
 * blessing decision: blessed when {@code metrics[metric] >= threshold}.
 */
public record EvaluationResult(
    String metric,
    double value,
    double threshold,
    boolean blessed,
    Map<String, Double> metrics,
    Map<String, Double> baselineMetrics,
    long testExamples,
    String uri) {}
