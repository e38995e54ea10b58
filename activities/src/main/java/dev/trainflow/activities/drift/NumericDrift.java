package dev.trainflow.activities.drift;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * A numeric feature's drift: the two-sample Kolmogorov-Smirnov statistic and p-value (Apache
 * Commons Math: exact below 10,000 pairs, the Kolmogorov distribution above), the PSI on equal-width
 * bins over the reference's range, and the first Wasserstein distance of the empirical
 * distributions (the area between the two CDFs).
 */
final class NumericDrift {
  private NumericDrift() {}

  static FeatureDrift compare(String feature, double[] reference, double[] current, int bins, double threshold) {
    if (reference.length < 2 || current.length < 2) {
      return FeatureDrift.skipped(feature, FeatureDrift.NUMERIC, reference.length, current.length, threshold,
          "fewer than 2 numeric values on a side");
    }
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    double statistic = ks.kolmogorovSmirnovStatistic(reference, current);
    double pValue = ks.kolmogorovSmirnovTest(reference, current);
    double min = Arrays.stream(reference).min().orElseThrow();
    double max = Arrays.stream(reference).max().orElseThrow();
    double psi =
        PopulationStability.psi(
            PopulationStability.equalWidthCounts(reference, min, max, bins),
            PopulationStability.equalWidthCounts(current, min, max, bins));
    return new FeatureDrift(
        feature, FeatureDrift.NUMERIC, reference.length, current.length, statistic, pValue,
        wasserstein(reference, current), null, psi, threshold, psi > threshold, null);
  }

  /** The integral of |F(x) - G(x)| over x, walking both sorted samples once. */
  static double wasserstein(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double distance = 0;
    double previous = Math.min(x[0], y[0]);
    while (i < x.length || j < y.length) {
      double next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
      distance += Math.abs((double) i / x.length - (double) j / y.length) * (next - previous);
      previous = next;
      while (i < x.length && x[i] == next) {
        i++;
      }
      while (j < y.length && y[j] == next) {
        j++;
      }
    }
    return distance;
  }
}
