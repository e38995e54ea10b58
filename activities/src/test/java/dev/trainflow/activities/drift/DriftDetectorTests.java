package dev.trainflow.activities.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.data.ColumnType;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.workflows.spec.DriftSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drift on seeded samples: near zero for two samples of one distribution, above the threshold for a
 * shifted one; KS, PSI, Wasserstein and Jensen-Shannon checked against values computed here from
 * their definitions, not through the code under test.
 */
class DriftDetectorTests {
  private static final Map<String, ColumnType> TYPES = Map.of("amount", ColumnType.FLOAT, "segment", ColumnType.STRING);
  private static final String[] SEGMENTS = {"smb", "mid", "enterprise"};

  /** {@code n} rows: amount ~ N(mean, 1), segment drawn with the given weights. */
  private static CsvTable sample(long seed, int n, double mean, double[] segmentWeights) {
    Random random = new Random(seed);
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int s = u < segmentWeights[0] ? 0 : u < segmentWeights[0] + segmentWeights[1] ? 1 : 2;
      rows.add(new String[] {Double.toString(mean + random.nextGaussian()), SEGMENTS[s]});
    }
    return new CsvTable(List.of("amount", "segment"), rows);
  }

  private static final double[] BASE = {0.5, 0.3, 0.2};
  private static final double[] SHIFTED = {0.2, 0.3, 0.5};

  private static FeatureDrift feature(List<FeatureDrift> drifts, String name) {
    return drifts.stream().filter(d -> d.feature().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shouldFindNearZeroDriftBetweenTwoSamplesOfOneDistribution() {
    CsvTable reference = sample(1, 2000, 0.0, BASE);
    CsvTable current = sample(2, 1500, 0.0, BASE);

    List<FeatureDrift> drifts = DriftDetector.compare(reference, current, TYPES, DriftSpec.defaults());

    FeatureDrift amount = feature(drifts, "amount");
    assertThat(amount.kind()).isEqualTo("numeric");
    assertThat(amount.psi()).isLessThan(0.05);
    assertThat(amount.ksStatistic()).isLessThan(0.05);
    assertThat(amount.ksPValue()).isGreaterThan(0.05);
    assertThat(amount.wasserstein()).isLessThan(0.1);
    assertThat(amount.drifted()).isFalse();
    FeatureDrift segment = feature(drifts, "segment");
    assertThat(segment.kind()).isEqualTo("categorical");
    assertThat(segment.psi()).isLessThan(0.01);
    assertThat(segment.jsDivergence()).isLessThan(0.005);
    assertThat(segment.drifted()).isFalse();
    assertKsAndPsiMatchTheirDefinitions(reference, current, amount);
  }

  @Test
  void shouldFindDriftAboveTheThresholdForAShiftedDistribution() {
    CsvTable reference = sample(1, 2000, 0.0, BASE);
    CsvTable current = sample(3, 1500, 0.7, SHIFTED);

    List<FeatureDrift> drifts = DriftDetector.compare(reference, current, TYPES, DriftSpec.defaults());

    FeatureDrift amount = feature(drifts, "amount");
    assertThat(amount.psi()).isGreaterThan(0.2);
    assertThat(amount.ksStatistic()).isGreaterThan(0.2);
    assertThat(amount.ksPValue()).isLessThan(1e-10);
    assertThat(amount.wasserstein()).isEqualTo(0.7, within(0.1));
    assertThat(amount.drifted()).isTrue();
    FeatureDrift segment = feature(drifts, "segment");
    assertThat(segment.drifted()).isTrue();
    assertKsAndPsiMatchTheirDefinitions(reference, current, amount);
    assertCategoricalMatchesTheDefinitions(reference, current, segment);
  }

  @Test
  void shouldApplyAFeaturesOwnThresholdBeforeTheDefault() {
    CsvTable reference = sample(1, 2000, 0.0, BASE);
    CsvTable current = sample(3, 1500, 0.7, SHIFTED);
    DriftSpec spec = new DriftSpec(List.of("amount", "segment"), Map.of("amount", 50.0), 0.01, null);

    List<FeatureDrift> drifts = DriftDetector.compare(reference, current, TYPES, spec);

    assertThat(feature(drifts, "amount").threshold()).isEqualTo(50.0);
    assertThat(feature(drifts, "amount").drifted()).isFalse();
    assertThat(feature(drifts, "segment").threshold()).isEqualTo(0.01);
    assertThat(feature(drifts, "segment").drifted()).isTrue();
  }

  @Test
  void shouldMatchTheQuantileFormOfTheWassersteinDistanceForEqualSizes() {
    double[] a = numbers(sample(4, 1000, 0.0, BASE));
    double[] b = numbers(sample(5, 1000, 0.3, BASE));
    Arrays.sort(a);
    Arrays.sort(b);
    double expected = 0;
    for (int i = 0; i < a.length; i++) {
      expected += Math.abs(a[i] - b[i]) / a.length;
    }

    assertThat(NumericDrift.wasserstein(a, b)).isEqualTo(expected, within(1e-9));
  }

  @Test
  void shouldSkipAFeatureTheReferenceLacks() {
    CsvTable reference = new CsvTable(List.of("segment"), List.<String[]>of(new String[] {"smb"}));
    CsvTable current = sample(2, 10, 0.0, BASE);

    FeatureDrift amount = DriftDetector.compare(reference, current, TYPES, new DriftSpec(List.of("amount"), null, null, null)).get(0);

    assertThat(amount.skipped()).isEqualTo("no column 'amount' in the reference data");
    assertThat(amount.drifted()).isFalse();
  }

  private static void assertKsAndPsiMatchTheirDefinitions(CsvTable reference, CsvTable current, FeatureDrift amount) {
    double[] x = numbers(reference);
    double[] y = numbers(current);
    // KS statistic: the largest gap between the two empirical CDFs, at every observed point
    double d = 0;
    for (double v : concat(x, y)) {
      d = Math.max(d, Math.abs(cdf(x, v) - cdf(y, v)));
    }
    assertThat(amount.ksStatistic()).isEqualTo(d, within(1e-12));
    // p-value: the Kolmogorov distribution's tail at d * sqrt(nm / (n + m)) (n * m is past the exact range)
    double lambda = d * Math.sqrt((double) x.length * y.length / (x.length + y.length));
    double p = 0;
    for (int k = 1; k <= 200; k++) {
      p += 2 * (k % 2 == 1 ? 1 : -1) * Math.exp(-2.0 * k * k * lambda * lambda);
    }
    assertThat(amount.ksPValue()).isEqualTo(Math.max(0, Math.min(1, p)), within(1e-9));
    // PSI: ten equal-width bins over the reference range, outside values in the end bins
    double min = Arrays.stream(x).min().orElseThrow();
    double max = Arrays.stream(x).max().orElseThrow();
    double psi = 0;
    for (int bin = 0; bin < 10; bin++) {
      double r = Math.max(share(x, min, max, bin), 1e-4);
      double c = Math.max(share(y, min, max, bin), 1e-4);
      psi += (c - r) * Math.log(c / r);
    }
    assertThat(amount.psi()).isEqualTo(psi, within(1e-12));
  }

  private static void assertCategoricalMatchesTheDefinitions(CsvTable reference, CsvTable current, FeatureDrift segment) {
    double js = 0;
    double psi = 0;
    for (String s : SEGMENTS) {
      double p = share(reference.values("segment"), s);
      double q = share(current.values("segment"), s);
      double m = (p + q) / 2;
      js += 0.5 * p * (Math.log(p / m) / Math.log(2)) + 0.5 * q * (Math.log(q / m) / Math.log(2));
      psi += (q - p) * Math.log(q / p);
    }
    assertThat(segment.jsDivergence()).isEqualTo(js, within(1e-12));
    assertThat(segment.psi()).isEqualTo(psi, within(1e-12));
  }

  /** The share of {@code values} in bin {@code bin} of 10 over [min, max], bins closed on the left, the last on both sides. */
  private static double share(double[] values, double min, double max, int bin) {
    double width = (max - min) / 10;
    double lo = min + bin * width;
    double hi = min + (bin + 1) * width;
    long count = 0;
    for (double v : values) {
      boolean below = bin == 0 && v < min;
      boolean above = bin == 9 && v >= hi;
      if (below || above || (v >= lo && v < hi)) {
        count++;
      }
    }
    return (double) count / values.length;
  }

  private static double share(String[] values, String category) {
    return (double) Arrays.stream(values).filter(category::equals).count() / values.length;
  }

  private static double cdf(double[] sample, double v) {
    return (double) Arrays.stream(sample).filter(s -> s <= v).count() / sample.length;
  }

  private static double[] numbers(CsvTable table) {
    return Arrays.stream(table.values("amount")).mapToDouble(Double::parseDouble).toArray();
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
