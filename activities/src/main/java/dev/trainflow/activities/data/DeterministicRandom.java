package dev.trainflow.activities.data;

/**
 * SplitMix64 with Box-Muller normals over {@link StrictMath}: the same seed gives the same numbers
 * on every JVM and platform, which {@code java.util.SplittableRandom} (algorithm not part of its
 * contract) and {@code Math.exp} (may use platform intrinsics) do not promise. Generated datasets
 * must be byte-identical for a seed.
 */
public final class DeterministicRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;
  private double spareGaussian = Double.NaN;

  public DeterministicRandom(long seed) {
    this.state = seed;
  }

  /** The SplitMix64 finalizer: a strong 64-bit mix, also usable as a stateless hash step. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A value in [0, 1) from a 64-bit hash. */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return unit(nextLong());
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) (nextDouble() * bound);
  }

  public double nextGaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double spare = spareGaussian;
      spareGaussian = Double.NaN;
      return spare;
    }
    double u1 = 1.0 - nextDouble(); // (0, 1]: log(0) would be -infinity
    double u2 = nextDouble();
    double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    spareGaussian = radius * StrictMath.sin(2 * Math.PI * u2);
    return radius * StrictMath.cos(2 * Math.PI * u2);
  }

  /** An index drawn from the cumulative weights {@code cdf} (ascending, last = total). */
  public int nextIndex(double[] cdf) {
    return sampleIndex(cdf, nextDouble());
  }

  /** The index whose cumulative-weight interval holds {@code u} × total. */
  public static int sampleIndex(double[] cdf, double u) {
    double target = u * cdf[cdf.length - 1];
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
