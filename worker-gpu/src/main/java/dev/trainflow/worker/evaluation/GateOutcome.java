package dev.trainflow.worker.evaluation;

/**
 * One threshold gate's verdict.
 *
 * @param gate the seed's name, e.g. {@code min_auc_roc}
 * @param metric the metric it reads, e.g. {@code roc_auc}
 * @param value the model's value; null when the evaluation did not report the metric (or it was
 *     undefined, e.g. ROC-AUC with a single class), which fails the gate
 */
public record GateOutcome(String gate, String metric, double threshold, Double value, boolean passed) {}
