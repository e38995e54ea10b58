package dev.trainflow.worker.model;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The session settings that decide where ops run. With GPUs requested, TensorFlow places every op
 * that has a GPU kernel on GPU:0 (string ops, which have none, stay on the CPU: soft placement)
 * and grows GPU memory as needed instead of taking all of it. Without, it sees no GPU even on a
 * machine that has one, so a CPU run never competes with a GPU run for the device. Intra-op
 * threads: every core (two intra-op threads and one inter-op thread measured fastest on two cores).
 */
public final class DevicePlacement {
  private DevicePlacement() {}

  public static ConfigProto sessionConfig(int gpus) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(Runtime.getRuntime().availableProcessors())
        .setInterOpParallelismThreads(1)
        .putDeviceCount("GPU", gpus)
        .setAllowSoftPlacement(true)
        .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true).build())
        .build();
  }
}
