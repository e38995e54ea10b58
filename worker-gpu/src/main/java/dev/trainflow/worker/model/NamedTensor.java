package dev.trainflow.worker.model;

import java.util.Arrays;
import java.util.List;

/** The value of one variable, row-major float32, as weight and checkpoint files store it. */
public record NamedTensor(String name, int[] shape, float[] values) {

  public NamedTensor {
    int size = 1;
    for (int dim : shape) {
      size *= dim;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          name + ": shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
    }
  }

  public boolean hasShape(List<Integer> expected) {
    return Arrays.equals(shape, expected.stream().mapToInt(Integer::intValue).toArray());
  }
}
