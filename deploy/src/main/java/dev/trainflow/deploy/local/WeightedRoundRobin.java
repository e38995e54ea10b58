package dev.trainflow.deploy.local;

import java.util.List;

/**
 * Smooth weighted round robin (as nginx balances upstreams): over every 100 picks each revision is
 * chosen exactly its percentage of times, interleaved rather than in runs, and without randomness,
 * so a 50/50 split alternates.
 */
final class WeightedRoundRobin<T> {
  private final List<T> targets;
  private final int[] weights;
  private final int[] current;
  private final int total;

  WeightedRoundRobin(List<T> targets, List<Integer> weights) {
    if (targets.isEmpty() || targets.size() != weights.size()) {
      throw new IllegalArgumentException("one weight per target, at least one target");
    }
    this.targets = List.copyOf(targets);
    this.weights = weights.stream().mapToInt(Integer::intValue).toArray();
    this.current = new int[this.weights.length];
    int sum = 0;
    for (int w : this.weights) {
      if (w <= 0) {
        throw new IllegalArgumentException("weights must be positive, got " + w);
      }
      sum += w;
    }
    this.total = sum;
  }

  synchronized T next() {
    int best = 0;
    for (int i = 0; i < weights.length; i++) {
      current[i] += weights[i];
      if (current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    return targets.get(best);
  }
}
