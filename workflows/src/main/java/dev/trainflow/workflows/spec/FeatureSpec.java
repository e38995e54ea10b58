package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * One input feature of a tower: the dataset column it reads, the column's type and the transform
 * that turns it into a vector.
 *
 * <ul>
 *   <li>{@code embedding}: vocabulary of the training split (index 0 is out-of-vocabulary) and an
 *       embedding of {@code embedding_dim};
 *   <li>{@code normalize}: (x - mean) / std from the training split, one dense input;
 *   <li>{@code bucketize}: quantile boundaries from the training split ({@code num_buckets}) and an
 *       embedding per bucket.
 * </ul>
 */
public record FeatureSpec(
    String name, String column, String type, String transform, Integer embeddingDim, Integer numBuckets) {

  public static final List<String> TYPES = List.of("string", "int", "float", "timestamp");
  public static final List<String> TRANSFORMS = List.of("embedding", "normalize", "bucketize");
  public static final int DEFAULT_NUM_BUCKETS = 10;

  /** The name the feature goes by in the model: its own name, else its column. */
  public String featureName() {
    return name != null ? name : column;
  }

  public boolean numericType() {
    return "float".equals(type) || "int".equals(type) || "timestamp".equals(type);
  }
}
