package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Tensor;

/**
 * The input tensors of one session run, closed together: native memory is not garbage collected,
 * and a leaked tensor per step kills a long run.
 */
final class OpenTensors implements AutoCloseable {
  private final List<Tensor> tensors = new ArrayList<>();

  <T extends Tensor> T add(T tensor) {
    tensors.add(tensor);
    return tensor;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (Tensor tensor : tensors) {
      try {
        tensor.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    tensors.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
