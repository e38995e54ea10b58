package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Initial values drawn in Java rather than by TensorFlow's random ops, so that the same seed gives
 * the same start on every platform and thread count. Each variable gets its own stream derived
 * from the seed and its name, so adding a variable does not shift the others.
 */
public final class InitialWeights {
  private static final double EMBEDDING_LIMIT = 0.05;

  private InitialWeights() {}

  public static List<NamedTensor> create(List<VariableSpec> specs, long seed) {
    List<NamedTensor> tensors = new ArrayList<>(specs.size());
    for (VariableSpec spec : specs) {
      tensors.add(create(spec, seed));
    }
    return tensors;
  }

  public static NamedTensor create(VariableSpec spec, long seed) {
    float[] values = new float[spec.size()];
    switch (spec.initializer()) {
      case CONSTANT -> Arrays.fill(values, spec.constant());
      case EMBEDDING_UNIFORM -> fillUniform(values, EMBEDDING_LIMIT, stream(spec, seed));
      case GLOROT_UNIFORM -> {
        int fanIn = spec.shape().get(0);
        int fanOut = spec.shape().size() > 1 ? spec.shape().get(1) : 1;
        fillUniform(values, Math.sqrt(6.0 / (fanIn + fanOut)), stream(spec, seed));
      }
    }
    return new NamedTensor(spec.name(), spec.shape().stream().mapToInt(Integer::intValue).toArray(), values);
  }

  private static SplittableRandom stream(VariableSpec spec, long seed) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.name().hashCode());
  }

  private static void fillUniform(float[] values, double limit, SplittableRandom random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-limit, limit);
    }
  }
}
