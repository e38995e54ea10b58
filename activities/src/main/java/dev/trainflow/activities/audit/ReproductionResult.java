package dev.trainflow.activities.audit;

import java.util.Map;

/**
 * A reproduction's verdict: each model metric of the original beside the reproduction's, and
 * whether every one is within the tolerance. The config and the dataset are compared too, because
 * a match of metrics over different data or config would prove nothing.
 *
 * @param reproduced every metric within tolerance, the same config and the same dataset content
 * @param reason why not, in words; null when reproduced
 */
public record ReproductionResult(
    long originalRunId,
    long reproductionRunId,
    double tolerance,
    String reproductionStatus,
    boolean reproduced,
    Boolean configMatches,
    Boolean datasetMatches,
    Map<String, MetricComparison> metrics,
    String reason) {

  /** One metric: original, reproduction, their absolute difference, and the verdict. */
  public record MetricComparison(Double original, Double reproduction, Double difference, boolean withinTolerance) {}
}
