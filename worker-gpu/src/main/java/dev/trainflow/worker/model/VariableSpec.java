package dev.trainflow.worker.model;

import java.util.List;

/**
 * One float32 variable of the graph: its stable name (the key in weight and checkpoint files), its
 * shape and how it is initialised.
 */
public record VariableSpec(String name, List<Integer> shape, WeightInitializer initializer, float constant) {

  public static VariableSpec of(String name, List<Integer> shape, WeightInitializer initializer) {
    return new VariableSpec(name, shape, initializer, 0f);
  }

  public static VariableSpec constant(String name, List<Integer> shape, float value) {
    return new VariableSpec(name, shape, WeightInitializer.CONSTANT, value);
  }

  public int size() {
    int size = 1;
    for (int dim : shape) {
      size *= dim;
    }
    return size;
  }

  public long[] dims() {
    return shape.stream().mapToLong(Integer::longValue).toArray();
  }
}
