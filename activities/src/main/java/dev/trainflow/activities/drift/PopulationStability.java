package dev.trainflow.activities.drift;

/**
 * The Population Stability Index of two binned distributions: sum over bins of
 * {@code (current - reference) * ln(current / reference)} on proportions, an empty bin counted as
 * {@link #EMPTY_BIN} so one new category does not make it infinite.
 */
public final class PopulationStability {
  public static final double EMPTY_BIN = 1e-4;

  private PopulationStability() {}

  public static double psi(long[] reference, long[] current) {
    double refTotal = sum(reference);
    double curTotal = sum(current);
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = Math.max(reference[i] / refTotal, EMPTY_BIN);
      double c = Math.max(current[i] / curTotal, EMPTY_BIN);
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }

  /** Counts of {@code values} in {@code bins} equal-width bins over [min, max]; outside values go to the end bins. */
  public static long[] equalWidthCounts(double[] values, double min, double max, int bins) {
    long[] counts = new long[bins];
    double width = (max - min) / bins;
    for (double v : values) {
      int bin = width > 0 ? (int) Math.floor((v - min) / width) : 0;
      counts[Math.max(0, Math.min(bins - 1, bin))]++;
    }
    return counts;
  }

  private static double sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
