package dev.trainflow.workflows.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Suggests a trial's hyperparameters, either at random or by a Tree-structured Parzen Estimator:
 * after the startup trials, the completed trials are split by the quantile {@code gamma} of their
 * objective into good and bad; per parameter a Parzen density l(x) is fitted to the good ones and
 * g(x) to the bad ones (and to trials successive halving stopped), candidates are drawn from l and
 * the one with the largest l(x)/g(x) is taken. Continuous ranges are modelled in their own space
 * (log space for log-uniform), choices by their frequencies with a uniform prior.
 *
 * <p>Deterministic: each trial draws from a {@link Random} seeded by the job's seed and the trial
 * number, and TPE sees the observations in trial order, so the same seed and the same results
 * give the same suggestions, also when the workflow replays.
 */
public final class HyperparameterSampler {
  /** Candidates drawn from l(x) per parameter (hyperopt's and Optuna's default). */
  static final int CANDIDATES = 24;

  /** A completed trial: its hyperparameters and its objective value. */
  public record Observation(Map<String, Object> params, double value) {}

  private HyperparameterSampler() {}

  /**
   * @param completed completed trials in trial order
   * @param stopped the hyperparameters of trials successive halving stopped (counted as bad)
   */
  public static Map<String, Object> suggest(
      TuningSpec spec, int trialNumber, List<Observation> completed, List<Map<String, Object>> stopped) {
    Random random = new Random(trialSeed(spec.seed(), trialNumber));
    Map<String, Object> params = new LinkedHashMap<>();
    boolean model = TuningSpec.TPE.equals(spec.algorithm()) && completed.size() >= spec.startupTrialsOrDefault();
    if (!model) {
      spec.orderedSpace().forEach((name, range) -> params.put(name, randomValue(range, random)));
      return params;
    }
    Comparator<Observation> bestFirst =
        spec.objective().maximize()
            ? Comparator.comparingDouble(Observation::value).reversed()
            : Comparator.comparingDouble(Observation::value);
    List<Observation> sorted = new ArrayList<>(completed);
    sorted.sort(bestFirst); // stable: ties keep trial order
    int good = Math.max(1, (int) Math.ceil(spec.gammaOrDefault() * sorted.size()));
    List<Map<String, Object>> goodParams = sorted.subList(0, good).stream().map(Observation::params).toList();
    List<Map<String, Object>> badParams = new ArrayList<>(sorted.subList(good, sorted.size()).stream().map(Observation::params).toList());
    badParams.addAll(stopped);
    spec.orderedSpace().forEach((name, range) -> params.put(name, tpeValue(name, range, goodParams, badParams, random)));
    return params;
  }

  static Object randomValue(ParameterRange range, Random random) {
    return switch (range.type()) {
      case ParameterRange.CHOICE -> range.values().get(random.nextInt(range.values().size()));
      case ParameterRange.INT -> (int) Math.round(range.min()) + random.nextInt((int) (Math.round(range.max()) - Math.round(range.min())) + 1);
      case ParameterRange.LOG_UNIFORM ->
          StrictMath.exp(StrictMath.log(range.min()) + random.nextDouble() * (StrictMath.log(range.max()) - StrictMath.log(range.min())));
      default -> range.min() + random.nextDouble() * (range.max() - range.min());
    };
  }

  private static Object tpeValue(
      String name, ParameterRange range, List<Map<String, Object>> good, List<Map<String, Object>> bad, Random random) {
    if (range.categorical()) {
      return categorical(name, range, good, bad, random);
    }
    double low = internalLow(range);
    double high = internalHigh(range);
    ParzenEstimator l = ParzenEstimator.fit(internal(name, range, good), low, high);
    ParzenEstimator g = ParzenEstimator.fit(internal(name, range, bad), low, high);
    double best = Double.NaN;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < CANDIDATES; i++) {
      double x = l.sample(random);
      double score = l.logDensity(x) - g.logDensity(x);
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    return external(range, best);
  }

  private static Object categorical(
      String name, ParameterRange range, List<Map<String, Object>> good, List<Map<String, Object>> bad, Random random) {
    int n = range.values().size();
    double[] l = frequencies(name, range, good);
    double[] g = frequencies(name, range, bad);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < CANDIDATES; i++) {
      int k = draw(l, random);
      double score = StrictMath.log(l[k]) - StrictMath.log(g[k]);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return range.values().get(Math.min(best, n - 1));
  }

  /** Each choice's share among the trials, with one prior count per choice. */
  private static double[] frequencies(String name, ParameterRange range, List<Map<String, Object>> trials) {
    double[] weights = new double[range.values().size()];
    java.util.Arrays.fill(weights, 1.0);
    for (Map<String, Object> params : trials) {
      int k = indexOf(range, params.get(name));
      if (k >= 0) {
        weights[k] += 1;
      }
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] /= sum;
    }
    return weights;
  }

  private static int draw(double[] weights, Random random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int k = 0; k < weights.length; k++) {
      cumulative += weights[k];
      if (u < cumulative) {
        return k;
      }
    }
    return weights.length - 1;
  }

  static int indexOf(ParameterRange range, Object value) {
    for (int k = 0; k < range.values().size(); k++) {
      Object candidate = range.values().get(k);
      if (candidate == null ? value == null : candidate.equals(value)) {
        return k;
      }
      if (candidate instanceof Number a && value instanceof Number b && a.doubleValue() == b.doubleValue()) {
        return k;
      }
    }
    return -1;
  }

  private static double[] internal(String name, ParameterRange range, List<Map<String, Object>> trials) {
    return trials.stream()
        .map(p -> p.get(name))
        .filter(v -> v instanceof Number)
        .mapToDouble(v -> toInternal(range, ((Number) v).doubleValue()))
        .toArray();
  }

  private static double toInternal(ParameterRange range, double value) {
    return ParameterRange.LOG_UNIFORM.equals(range.type()) ? StrictMath.log(value) : value;
  }

  /** Integers are modelled on [min - 0.5, max + 0.5], so each end is as likely as the middle. */
  private static double internalLow(ParameterRange range) {
    return switch (range.type()) {
      case ParameterRange.INT -> range.min() - 0.5;
      case ParameterRange.LOG_UNIFORM -> StrictMath.log(range.min());
      default -> range.min();
    };
  }

  private static double internalHigh(ParameterRange range) {
    return switch (range.type()) {
      case ParameterRange.INT -> range.max() + 0.5;
      case ParameterRange.LOG_UNIFORM -> StrictMath.log(range.max());
      default -> range.max();
    };
  }

  private static Object external(ParameterRange range, double x) {
    return switch (range.type()) {
      case ParameterRange.INT -> (int) Math.max(Math.round(range.min()), Math.min(Math.round(range.max()), Math.round(x)));
      case ParameterRange.LOG_UNIFORM -> Math.max(range.min(), Math.min(range.max(), StrictMath.exp(x)));
      default -> Math.max(range.min(), Math.min(range.max(), x));
    };
  }

  /** SplitMix64 of the seed and the trial number: neighbouring trials get unrelated streams. */
  static long trialSeed(long seed, int trialNumber) {
    long z = seed + 0x9E3779B97F4A7C15L * trialNumber;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
