package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * One input feature of a tower: the dataset column it reads, the column's type and the transform
 * that turns it into a vector.
 *
 * <ul>
 *   <li>{@code embedding}: vocabulary of the training split (index 0 is out-of-vocabulary) and an
 *       embedding of {@code embedding_dim}. With a {@code separator} the cell holds several tokens
 *       (e.g. genres "Action|Comedy") and the vector is the mean of their embeddings;
 *   <li>{@code normalize}: (x - mean) / std from the training split, one dense input;
 *   <li>{@code bucketize}: quantile boundaries from the training split ({@code num_buckets}) and an
 *       embedding per bucket;
 *   <li>{@code cyclical}: a timestamp (epoch seconds) as sin and cos of its phase in each of {@code
 *       cycles} (hour_of_day, day_of_week, year), two dense inputs per cycle;
 *   <li>{@code cross}: the values of {@code columns} joined and hashed into {@code hash_buckets},
 *       with an embedding per bucket. A cross has a {@code name} and no {@code column}.
 * </ul>
 */
public record FeatureSpec(
    String name,
    String column,
    String type,
    String transform,
    Integer embeddingDim,
    Integer numBuckets,
    String separator,
    List<String> columns,
    Integer hashBuckets,
    List<String> cycles) {

  public static final List<String> TYPES = List.of("string", "int", "float", "timestamp");
  public static final String EMBEDDING = "embedding";
  public static final String NORMALIZE = "normalize";
  public static final String BUCKETIZE = "bucketize";
  public static final String CYCLICAL = "cyclical";
  public static final String CROSS = "cross";
  public static final List<String> TRANSFORMS = List.of(EMBEDDING, NORMALIZE, BUCKETIZE, CYCLICAL, CROSS);
  public static final int DEFAULT_NUM_BUCKETS = 10;
  public static final int DEFAULT_HASH_BUCKETS = 1000;
  public static final List<String> CYCLES = List.of("hour_of_day", "day_of_week", "year");
  public static final List<String> DEFAULT_CYCLES = List.of("hour_of_day", "day_of_week");

  /** The fields of the first release, so callers that predate the newer ones keep compiling. */
  public FeatureSpec(
      String name, String column, String type, String transform, Integer embeddingDim, Integer numBuckets) {
    this(name, column, type, transform, embeddingDim, numBuckets, null, null, null, null);
  }

  /** The name the feature goes by in the model: its own name, else its column. */
  public String featureName() {
    return name != null ? name : column;
  }

  public boolean numericType() {
    return "float".equals(type) || "int".equals(type) || "timestamp".equals(type);
  }

  /** Every column the feature reads: its column, or a cross's columns. */
  public List<String> columnsRead() {
    if (CROSS.equals(transform)) {
      return columns == null ? List.of() : columns.stream().filter(c -> c != null).toList();
    }
    return column == null ? List.of() : List.of(column);
  }
}
