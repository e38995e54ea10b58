package dev.trainflow.worker.model;

import java.util.Arrays;

/**
 * One feature's encoded values for a set of rows, in one of three layouts:
 *
 * <ul>
 *   <li>{@link Layout#INDEX}: one row index of an embedding table per row ({@code embedding},
 *       {@code bucketize}, {@code cross});
 *   <li>{@link Layout#BAG}: {@code width} indices and their weights per row, row-major; the vector
 *       is the weighted sum of the rows' embeddings (a multi-valued embedding: weights 1/tokens,
 *       0 for padding);
 *   <li>{@link Layout#DENSE}: {@code width} floats per row, row-major ({@code normalize}, {@code
 *       cyclical}).
 * </ul>
 */
public record FeatureValues(Layout layout, int[] indices, float[] weights, float[] values, int width) {

  public enum Layout {
    INDEX,
    BAG,
    DENSE
  }

  public static FeatureValues ofIndices(int[] indices) {
    return new FeatureValues(Layout.INDEX, indices, null, null, 1);
  }

  public static FeatureValues ofBag(int[] indices, float[] weights, int width) {
    if (indices.length != weights.length || width < 1 || indices.length % width != 0) {
      throw new IllegalArgumentException(
          "a bag of width " + width + " needs as many indices as weights in whole rows: " + indices.length + ", " + weights.length);
    }
    return new FeatureValues(Layout.BAG, indices, weights, null, width);
  }

  /** One float per row. */
  public static FeatureValues ofValues(float[] values) {
    return ofDense(values, 1);
  }

  public static FeatureValues ofDense(float[] values, int width) {
    if (width < 1 || values.length % width != 0) {
      throw new IllegalArgumentException(values.length + " values do not make rows of " + width);
    }
    return new FeatureValues(Layout.DENSE, null, null, values, width);
  }

  public int rows() {
    return switch (layout) {
      case INDEX -> indices.length;
      case BAG -> indices.length / width;
      case DENSE -> values.length / width;
    };
  }

  /** The values of {@code rows[from..to)}, in that order. */
  public FeatureValues select(int[] rows, int from, int to) {
    int n = to - from;
    return switch (layout) {
      case INDEX -> {
        int[] out = new int[n];
        for (int i = from; i < to; i++) {
          out[i - from] = indices[rows[i]];
        }
        yield ofIndices(out);
      }
      case BAG -> {
        int[] outIndices = new int[n * width];
        float[] outWeights = new float[n * width];
        for (int i = from; i < to; i++) {
          System.arraycopy(indices, rows[i] * width, outIndices, (i - from) * width, width);
          System.arraycopy(weights, rows[i] * width, outWeights, (i - from) * width, width);
        }
        yield ofBag(outIndices, outWeights, width);
      }
      case DENSE -> {
        float[] out = new float[n * width];
        for (int i = from; i < to; i++) {
          System.arraycopy(values, rows[i] * width, out, (i - from) * width, width);
        }
        yield ofDense(out, width);
      }
    };
  }

  /** The contiguous rows {@code [from..to)}. */
  public FeatureValues range(int from, int to) {
    return switch (layout) {
      case INDEX -> ofIndices(Arrays.copyOfRange(indices, from, to));
      case BAG -> ofBag(Arrays.copyOfRange(indices, from * width, to * width), Arrays.copyOfRange(weights, from * width, to * width), width);
      case DENSE -> ofDense(Arrays.copyOfRange(values, from * width, to * width), width);
    };
  }
}
