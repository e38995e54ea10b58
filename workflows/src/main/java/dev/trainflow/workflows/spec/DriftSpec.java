package dev.trainflow.workflows.spec;

import java.util.List;
import java.util.Map;

/**
 * What a drift check compares and when it calls a feature drifted: its Population Stability Index
 * above the feature's threshold ({@code thresholds}, else {@code defaultThreshold}, else 0.2, the
 * usual "significant shift" line for PSI).
 *
 * @param features the columns to compare; null for every int, float and string column the two
 *     tables share (timestamps always move, so they are left out)
 * @param bins the number of equal-width bins over the reference's range for a numeric PSI
 */
public record DriftSpec(List<String> features, Map<String, Double> thresholds, Double defaultThreshold, Integer bins) {
  public static final double DEFAULT_THRESHOLD = 0.2;
  public static final int DEFAULT_BINS = 10;

  public static DriftSpec defaults() {
    return new DriftSpec(null, null, null, null);
  }

  public double thresholdFor(String feature) {
    if (thresholds != null && thresholds.get(feature) != null) {
      return thresholds.get(feature);
    }
    return defaultThreshold != null ? defaultThreshold : DEFAULT_THRESHOLD;
  }

  public int binCount() {
    return bins != null ? bins : DEFAULT_BINS;
  }

  /** The creation-time checks: thresholds positive, bins 2..1000, feature names valid. */
  public SpecValidator check(SpecValidator v, String prefix) {
    if (defaultThreshold != null && !(defaultThreshold > 0)) {
      v.reject(prefix + "default_threshold", "must be a positive number, got " + defaultThreshold);
    }
    if (thresholds != null) {
      thresholds.forEach(
          (feature, t) -> {
            if (t == null || !(t > 0)) {
              v.reject(prefix + "thresholds." + feature, "must be a positive number, got " + t);
            }
          });
    }
    if (bins != null && (bins < 2 || bins > 1000)) {
      v.reject(prefix + "bins", "must be between 2 and 1000, got " + bins);
    }
    if (features != null) {
      if (features.isEmpty()) {
        v.reject(prefix + "features", "must name at least one column when given");
      }
      for (int i = 0; i < features.size(); i++) {
        String f = features.get(i);
        if (f == null || !SpecValidator.COLUMN.matcher(f).matches()) {
          v.reject(prefix + "features[" + i + "]", "'" + f + "' is not a valid column name");
        }
      }
    }
    return v;
  }
}
