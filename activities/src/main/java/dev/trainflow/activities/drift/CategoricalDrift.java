package dev.trainflow.activities.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A categorical feature's drift over the union of both samples' categories: Jensen-Shannon divergence and PSI. */
final class CategoricalDrift {
  private static final double LN2 = Math.log(2);

  private CategoricalDrift() {}

  static FeatureDrift compare(String feature, List<String> reference, List<String> current, double threshold) {
    if (reference.isEmpty() || current.isEmpty()) {
      return FeatureDrift.skipped(feature, FeatureDrift.CATEGORICAL, reference.size(), current.size(), threshold,
          "no values on a side");
    }
    Map<String, Long> ref = counts(reference);
    Map<String, Long> cur = counts(current);
    TreeSet<String> union = new TreeSet<>(ref.keySet());
    union.addAll(cur.keySet());
    List<String> categories = new ArrayList<>(union);
    long[] r = new long[categories.size()];
    long[] c = new long[categories.size()];
    for (int i = 0; i < categories.size(); i++) {
      r[i] = ref.getOrDefault(categories.get(i), 0L);
      c[i] = cur.getOrDefault(categories.get(i), 0L);
    }
    double psi = PopulationStability.psi(r, c);
    return new FeatureDrift(
        feature, FeatureDrift.CATEGORICAL, reference.size(), current.size(), null, null, null,
        jensenShannon(r, c), psi, threshold, psi > threshold, null);
  }

  /** Base-2 Jensen-Shannon divergence of two count vectors over the same categories: 0 equal, 1 disjoint. */
  static double jensenShannon(long[] p, long[] q) {
    double pTotal = 0;
    double qTotal = 0;
    for (int i = 0; i < p.length; i++) {
      pTotal += p[i];
      qTotal += q[i];
    }
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double pi = p[i] / pTotal;
      double qi = q[i] / qTotal;
      double m = (pi + qi) / 2;
      if (pi > 0) {
        js += 0.5 * pi * Math.log(pi / m);
      }
      if (qi > 0) {
        js += 0.5 * qi * Math.log(qi / m);
      }
    }
    return js / LN2;
  }

  private static Map<String, Long> counts(List<String> values) {
    Map<String, Long> counts = new TreeMap<>();
    values.forEach(v -> counts.merge(v, 1L, Long::sum));
    return counts;
  }
}
