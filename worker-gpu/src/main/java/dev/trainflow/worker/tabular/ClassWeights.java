package dev.trainflow.worker.tabular;

import java.util.Map;

/**
 * Weights per class for imbalanced labels: none (all 1), {@code balanced} (n / (classes × count),
 * as scikit-learn), or explicit per label value (unlisted labels weigh 1).
 */
public record ClassWeights(boolean balanced, Map<String, Double> explicit) {
  public static final ClassWeights NONE = new ClassWeights(false, Map.of());
  public static final ClassWeights BALANCED = new ClassWeights(true, Map.of());

  public ClassWeights {
    explicit = explicit == null ? Map.of() : Map.copyOf(explicit);
    if (balanced && !explicit.isEmpty()) {
      throw new IllegalArgumentException("class weights are either balanced or explicit, not both");
    }
    explicit.forEach((label, w) -> {
      if (!(w > 0)) {
        throw new IllegalArgumentException("class weight of '" + label + "' must be positive, got " + w);
      }
    });
  }

  public static ClassWeights of(Map<String, Double> perLabel) {
    return new ClassWeights(false, perLabel);
  }

  /** One weight per row, from the rows' classes and the class label names. */
  double[] rowWeights(int[] classes, java.util.List<String> labels) {
    int k = labels.size();
    double[] perClass = new double[k];
    if (balanced) {
      int[] counts = new int[k];
      for (int c : classes) {
        counts[c]++;
      }
      for (int c = 0; c < k; c++) {
        perClass[c] = counts[c] == 0 ? 1.0 : (double) classes.length / (k * counts[c]);
      }
    } else {
      for (int c = 0; c < k; c++) {
        perClass[c] = explicit.getOrDefault(labels.get(c), 1.0);
      }
    }
    double[] weights = new double[classes.length];
    for (int i = 0; i < classes.length; i++) {
      weights[i] = perClass[classes[i]];
    }
    return weights;
  }
}
