package dev.trainflow.worker;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.spec.GpuConfig;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Which GPUs TensorFlow can use here, found by pinning a tiny op to each GPU with soft placement
 * off: with CPU natives, or without a driver, the placement fails instead of silently running on
 * the CPU.
 */
public final class GpuDevices {
  private GpuDevices() {}

  /** How many of GPUs 0..{@code upTo}-1 take an op; stops at the first that does not. */
  public static int visible(int upTo) {
    int count = 0;
    while (count < upTo && accepts(count)) {
      count++;
    }
    return count;
  }

  /** Fails {@code gpu_unavailable} unless every GPU that {@code gpu} asks for is visible. */
  public static void require(GpuConfig gpu) {
    int wanted = gpu.gpuCount();
    int seen = visible(wanted);
    if (seen < wanted) {
      String type = gpu.gpuType() != null ? gpu.gpuType() : "GPU";
      throw TrainingFailures.of(
          FailureReason.GPU_UNAVAILABLE,
          "the run requested " + wanted + " x " + type + " but this worker sees "
              + (seen == 0 ? "no GPU" : "only " + seen + " GPU(s)")
              + " (TensorFlow could not place an op on /device:GPU:" + seen + "); it will not fall back to the CPU");
    }
  }

  private static boolean accepts(int index) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      DeviceSpec device = DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(index).build();
      Operand<TFloat32> probe = tf.withDevice(device).math.add(tf.constant(1f), tf.constant(1f));
      ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session session = new Session(graph, config);
          Result result = session.runner().fetch(probe).run()) {
        return result.size() == 1;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
