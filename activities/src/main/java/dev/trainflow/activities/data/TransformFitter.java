package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.FeatureStatistics;
import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fits each feature's transform on the train split only, so validation and test stay unseen:
 *
 * <ul>
 *   <li>{@code embedding}: the vocabulary of present values, most frequent first, ties by value
 *       (a stable order, so equal data gives equal indices); index 0 is left to out-of-vocabulary;
 *   <li>{@code normalize}: mean and population standard deviation; a constant column gets std 1,
 *       so it becomes zeros instead of a division by zero;
 *   <li>{@code bucketize}: the values at the {@code i / num_buckets} quantiles (nearest rank),
 *       equal boundaries merged, so a column with few distinct values gets fewer buckets;
 *   <li>{@code cyclical} and {@code cross}: nothing to fit; the cycles and the hash buckets come
 *       from the config.
 * </ul>
 *
 * <p>A multi-valued embedding (one with a {@code separator}) counts each token of a cell, so
 * "Action|Comedy" adds one to Action and one to Comedy. The label's training mean goes into the
 * spec: the ranking baseline and the starting bias of the ranking head.
 */
public final class TransformFitter {
  private TransformFitter() {}

  public static TransformSpec fit(FeatureConfig config, ModelConfig model, CsvTable train) {
    int defaultDim = model != null && model.embeddingDim() != null ? model.embeddingDim() : ModelConfig.DEFAULT_EMBEDDING_DIM;
    String label = config.labelColumn();
    return new TransformSpec(
        config.queryIdColumn(),
        config.candidateIdColumn(),
        config.queryFeatures().stream().map(f -> fit(f, defaultDim, train)).toList(),
        config.candidateFeatures().stream().map(f -> fit(f, defaultDim, train)).toList(),
        label,
        label == null ? null : ColumnProfiler.profile(train, new ColumnSpec(label, "float")).mean());
  }

  public static FeatureTransform fit(FeatureSpec feature, int defaultDim, CsvTable train) {
    int dim = feature.embeddingDim() != null ? feature.embeddingDim() : defaultDim;
    return switch (feature.transform()) {
      case FeatureSpec.EMBEDDING ->
          transform(feature, dim, vocabulary(train.values(feature.column()), feature.separator()), null, null, null);
      case FeatureSpec.NORMALIZE -> normalize(feature, train);
      case FeatureSpec.BUCKETIZE -> {
        int buckets = feature.numBuckets() != null ? feature.numBuckets() : FeatureSpec.DEFAULT_NUM_BUCKETS;
        yield transform(feature, dim, null, null, null, boundaries(numbers(train.values(feature.column())), buckets));
      }
      case FeatureSpec.CYCLICAL -> transform(feature, 0, null, null, null, null);
      case FeatureSpec.CROSS -> transform(feature, dim, null, null, null, null);
      default -> throw new IllegalArgumentException(
          "feature '" + feature.featureName() + "': unknown transform '" + feature.transform() + "'");
    };
  }

  public static List<String> vocabulary(String[] values) {
    return vocabulary(values, null);
  }

  /** The vocabulary of {@code values}; with a separator, of the tokens the cells split into. */
  public static List<String> vocabulary(String[] values, String separator) {
    Map<String, Long> counts = new HashMap<>();
    for (String value : values) {
      if (separator == null) {
        if (!value.isEmpty()) {
          counts.merge(value, 1L, Long::sum);
        }
      } else {
        for (String token : MultiValuedCells.tokens(value, separator)) {
          counts.merge(token, 1L, Long::sum);
        }
      }
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Ascending boundaries; bucket i holds the values below boundaries[i], the last the rest. */
  public static List<Double> boundaries(double[] values, int buckets) {
    if (values.length == 0) {
      return List.of();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return IntStream.range(1, buckets)
        .mapToDouble(i -> sorted[(int) ((long) i * sorted.length / buckets)])
        .distinct()
        .boxed()
        .toList();
  }

  private static FeatureTransform normalize(FeatureSpec feature, CsvTable train) {
    FeatureStatistics statistics = ColumnProfiler.profile(train, new ColumnSpec(feature.column(), "float"));
    double mean = statistics.mean() != null ? statistics.mean() : 0.0;
    double std = statistics.stddev() != null && statistics.stddev() > 0 ? statistics.stddev() : 1.0;
    return transform(feature, 1, null, mean, std, null);
  }

  private static double[] numbers(String[] values) {
    return Arrays.stream(values).filter(v -> !v.isEmpty()).mapToDouble(Double::parseDouble).toArray();
  }

  private static FeatureTransform transform(
      FeatureSpec feature, int dim, List<String> vocabulary, Double mean, Double std, List<Double> boundaries) {
    boolean cross = FeatureSpec.CROSS.equals(feature.transform());
    boolean cyclical = FeatureSpec.CYCLICAL.equals(feature.transform());
    return new FeatureTransform(
        feature.featureName(),
        feature.column(),
        feature.type(),
        feature.transform(),
        dim,
        vocabulary,
        mean,
        std,
        boundaries,
        feature.separator(),
        cross ? List.copyOf(feature.columns()) : null,
        cross ? (feature.hashBuckets() != null ? feature.hashBuckets() : FeatureSpec.DEFAULT_HASH_BUCKETS) : null,
        cyclical ? (feature.cycles() != null ? List.copyOf(feature.cycles()) : FeatureSpec.DEFAULT_CYCLES) : null);
  }
}
