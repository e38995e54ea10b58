package dev.trainflow.worker.model;

import java.util.Arrays;

/**
 * One feature's encoded values for a set of rows: vocabulary or bucket indices for {@code
 * embedding} and {@code bucketize} features, normalised floats for {@code normalize} features.
 * Exactly one of the arrays is set.
 */
public record FeatureValues(int[] indices, float[] values) {

  public FeatureValues {
    if ((indices == null) == (values == null)) {
      throw new IllegalArgumentException("a feature holds either indices or values");
    }
  }

  public static FeatureValues ofIndices(int[] indices) {
    return new FeatureValues(indices, null);
  }

  public static FeatureValues ofValues(float[] values) {
    return new FeatureValues(null, values);
  }

  public boolean isIndices() {
    return indices != null;
  }

  public int rows() {
    return indices != null ? indices.length : values.length;
  }

  /** The values of {@code rows[from..to)}, in that order. */
  public FeatureValues select(int[] rows, int from, int to) {
    if (indices != null) {
      int[] out = new int[to - from];
      for (int i = from; i < to; i++) {
        out[i - from] = indices[rows[i]];
      }
      return ofIndices(out);
    }
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = values[rows[i]];
    }
    return ofValues(out);
  }

  /** The contiguous rows {@code [from..to)}. */
  public FeatureValues range(int from, int to) {
    return indices != null
        ? ofIndices(Arrays.copyOfRange(indices, from, to))
        : ofValues(Arrays.copyOfRange(values, from, to));
  }
}
