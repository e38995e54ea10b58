package dev.trainflow.worker.tabular;

import java.util.List;
import java.util.Map;

/**
 * One trained model's evaluation on held-out rows.
 *
 * @param classLabels the label values in class-index order (empty for regression)
 * @param importance gain per source column, summing to 1, largest first
 */
public record TabularResult(
    String trainer,
    TabularTask task,
    List<String> classLabels,
    int trainRows,
    int testRows,
    Map<String, Double> metrics,
    Map<String, Double> importance) {}
