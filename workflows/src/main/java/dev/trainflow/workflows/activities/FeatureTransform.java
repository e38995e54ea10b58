package dev.trainflow.workflows.activities;

import java.util.List;

/**
 * How one feature becomes a vector, fitted on the training split.
 *
 * <ul>
 *   <li>{@code embedding}: {@code vocabulary} (index 0 is out-of-vocabulary, so a value's index is
 *       its position + 1) and {@code dim}; with a {@code separator}, a cell's tokens each get
 *       their index and the vector is the mean of their embeddings;
 *   <li>{@code normalize}: {@code mean} and {@code std}; the vector is one value;
 *   <li>{@code bucketize}: {@code boundaries} (ascending); bucket i holds values below
 *       boundaries[i], and an embedding of {@code dim} per bucket;
 *   <li>{@code cyclical}: sin and cos of the timestamp's phase in each of {@code cycles};
 *   <li>{@code cross}: the cells of {@code columns} joined by {@link #CROSS_SEPARATOR}, hashed with
 *       TensorFlow's StringToHashBucketFast into {@code hashBuckets}, and an embedding per bucket.
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
    List<Double> boundaries,
    String separator,
    List<String> columns,
    Integer hashBuckets,
    List<String> cycles) {

  /** What joins the cells of a cross before hashing, as TensorFlow Transform's crosses do. */
  public static final String CROSS_SEPARATOR = "_X_";

  /** The fields of the first release, so older callers keep compiling. */
  public FeatureTransform(
      String name,
      String column,
      String type,
      String transform,
      int dim,
      List<String> vocabulary,
      Double mean,
      Double std,
      List<Double> boundaries) {
    this(name, column, type, transform, dim, vocabulary, mean, std, boundaries, null, null, null, null);
  }

  /** Rows of the embedding table: vocabulary + the out-of-vocabulary row, buckets, or hash buckets. */
  public int embeddingRows() {
    return switch (transform) {
      case "embedding" -> vocabulary.size() + 1;
      case "bucketize" -> boundaries.size() + 1;
      case "cross" -> hashBuckets;
      default -> 0;
    };
  }

  /** Width of this feature's vector in the tower's concatenation. */
  public int width() {
    return switch (transform) {
      case "normalize" -> 1;
      case "cyclical" -> 2 * cycles.size();
      default -> dim;
    };
  }
}
