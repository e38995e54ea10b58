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
 *       equal boundaries merged, so a column with few distinct values gets fewer buckets.
 * </ul>
 */
public final class TransformFitter {
  private TransformFitter() {}

  public static TransformSpec fit(FeatureConfig config, ModelConfig model, CsvTable train) {
    int defaultDim = model != null && model.embeddingDim() != null ? model.embeddingDim() : ModelConfig.DEFAULT_EMBEDDING_DIM;
    return new TransformSpec(
        config.queryIdColumn(),
        config.candidateIdColumn(),
        config.queryFeatures().stream().map(f -> fit(f, defaultDim, train)).toList(),
        config.candidateFeatures().stream().map(f -> fit(f, defaultDim, train)).toList());
  }

  public static FeatureTransform fit(FeatureSpec feature, int defaultDim, CsvTable train) {
    String[] values = train.values(feature.column());
    int dim = feature.embeddingDim() != null ? feature.embeddingDim() : defaultDim;
    return switch (feature.transform()) {
      case "embedding" -> transform(feature, dim, vocabulary(values), null, null, null);
      case "normalize" -> normalize(feature, train);
      case "bucketize" -> {
        int buckets = feature.numBuckets() != null ? feature.numBuckets() : FeatureSpec.DEFAULT_NUM_BUCKETS;
        yield transform(feature, dim, null, null, null, boundaries(numbers(values), buckets));
      }
      default -> throw new IllegalArgumentException(
          "feature '" + feature.featureName() + "': unknown transform '" + feature.transform() + "'");
    };
  }

  public static List<String> vocabulary(String[] values) {
    Map<String, Long> counts = new HashMap<>();
    for (String value : values) {
      if (!value.isEmpty()) {
        counts.merge(value, 1L, Long::sum);
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
    return new FeatureTransform(
        feature.featureName(), feature.column(), feature.type(), feature.transform(), dim, vocabulary, mean, std, boundaries);
  }
}
