package dev.trainflow.workflows.activities;

import java.util.List;

/**
 * How one feature becomes a vector, fitted on the training split.
 *
 * <ul>
 *   <li>{@code embedding}: {@code vocabulary} (index 0 is out-of-vocabulary, so a value's index is
 *       its position + 1) and {@code dim};
 *   <li>{@code normalize}: {@code mean} and {@code std}; the vector is one value;
 *   <li>{@code bucketize}: {@code boundaries} (ascending); bucket i holds values below
 *       boundaries[i], and an embedding of {@code dim} per bucket.
 * </ul>
 */
public record FeatureTransform(
    String name,
    String column,
    String type,
    String transform,
    int dim,
    List<String> vocabulary,
    Double mean,
    Double std,
    List<Double> boundaries) {

  /** Rows of the embedding table: vocabulary + the out-of-vocabulary row, or buckets. */
  public int embeddingRows() {
    return switch (transform) {
      case "embedding" -> vocabulary.size() + 1;
      case "bucketize" -> boundaries.size() + 1;
      default -> 0;
    };
  }

  /** Width of this feature's vector in the tower's concatenation. */
  public int width() {
    return "normalize".equals(transform) ? 1 : dim;
  }
}
