package dev.trainflow.workflows.tuning;

import java.util.Arrays;
import java.util.Random;

/**
 * A one-dimensional Parzen density on {@code [low, high]}: one truncated Gaussian per observation
 * plus a wide prior component at the middle, each with equal weight; bandwidths from the distance
 * to the neighbouring observations (Bergstra et al., 2011), clipped so no kernel collapses.
 *
 * <p>Only {@link StrictMath} and {@link Random}: a replay on another JVM must compute the same
 * densities to the last bit, or it would suggest other hyperparameters than the recorded run did.
 */
final class ParzenEstimator {
  private final double[] mus;
  private final double[] sigmas;
  private final double low;
  private final double high;

  private ParzenEstimator(double[] mus, double[] sigmas, double low, double high) {
    this.mus = mus;
    this.sigmas = sigmas;
    this.low = low;
    this.high = high;
  }

  static ParzenEstimator fit(double[] observations, double low, double high) {
    double range = high - low;
    double[] mus = Arrays.copyOf(observations, observations.length + 1);
    mus[observations.length] = low + range / 2; // the prior
    Arrays.sort(mus);
    double[] sigmas = new double[mus.length];
    double minSigma = range / Math.min(100, mus.length);
    for (int i = 0; i < mus.length; i++) {
      double left = mus[i] - (i > 0 ? mus[i - 1] : low);
      double right = (i < mus.length - 1 ? mus[i + 1] : high) - mus[i];
      sigmas[i] = Math.min(range, Math.max(minSigma, Math.max(left, right)));
    }
    // the prior keeps the whole range in reach, whatever the observations say
    int prior = Arrays.binarySearch(mus, low + range / 2);
    sigmas[prior] = range;
    return new ParzenEstimator(mus, sigmas, low, high);
  }

  /** A draw: a component uniformly, then its Gaussian until it lands in range. */
  double sample(Random random) {
    int k = random.nextInt(mus.length);
    for (int tries = 0; tries < 100; tries++) {
      double x = mus[k] + sigmas[k] * random.nextGaussian();
      if (x >= low && x <= high) {
        return x;
      }
    }
    return Math.max(low, Math.min(high, mus[k]));
  }

  double logDensity(double x) {
    double sum = 0;
    for (int i = 0; i < mus.length; i++) {
      double z = (x - mus[i]) / sigmas[i];
      double mass = phi((high - mus[i]) / sigmas[i]) - phi((low - mus[i]) / sigmas[i]);
      sum += StrictMath.exp(-0.5 * z * z) / (sigmas[i] * StrictMath.sqrt(2 * StrictMath.PI) * Math.max(mass, 1e-12));
    }
    return StrictMath.log(Math.max(sum / mus.length, 1e-300));
  }

  /** The standard normal CDF, by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
  static double phi(double z) {
    double x = Math.abs(z) / StrictMath.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
            * StrictMath.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
