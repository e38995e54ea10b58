package dev.trainflow.activities.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One feature's drift between a reference and a current sample. Numeric features carry the
 * Kolmogorov-Smirnov statistic and p-value and the Wasserstein distance; categorical ones the
 * Jensen-Shannon divergence (base 2, so 0..1); both the PSI the threshold applies to.
 *
 * @param skipped why the feature was not compared (missing column, too few values), else null
 */
public record FeatureDrift(
    String feature,
    String kind,
    long referenceCount,
    long currentCount,
    Double ksStatistic,
    @JsonProperty("ks_p_value") Double ksPValue,
    Double wasserstein,
    Double jsDivergence,
    Double psi,
    double threshold,
    boolean drifted,
    String skipped) {

  public static final String NUMERIC = "numeric";
  public static final String CATEGORICAL = "categorical";

  static FeatureDrift skipped(String feature, String kind, long referenceCount, long currentCount, double threshold, String why) {
    return new FeatureDrift(feature, kind, referenceCount, currentCount, null, null, null, null, null, threshold, false, why);
  }
}
