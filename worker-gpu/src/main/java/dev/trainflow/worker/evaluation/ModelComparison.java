package dev.trainflow.worker.evaluation;

import java.util.List;

/**
 * A champion/challenger comparison: the candidate and the champion scored on the same held-out
 * rows, each metric's difference with a paired bootstrap confidence interval.
 *
 * @param confidence e.g. 0.95 for the 2.5th to 97.5th percentile of the bootstrap deltas
 */
public record ModelComparison(
    int testRows, int bootstrapSamples, long seed, double confidence, List<MetricDelta> metrics) {

  public MetricDelta metric(String name) {
    return metrics.stream().filter(m -> m.metric().equals(name)).findFirst().orElse(null);
  }
}
