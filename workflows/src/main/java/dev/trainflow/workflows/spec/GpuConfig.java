package dev.trainflow.workflows.spec;

import java.util.List;

/** The {@code gpu_config} of a run. The default is CPU: no GPU type, zero GPUs. */
public record GpuConfig(String gpuType, Integer gpuCount, String machineType, Boolean preemptible) {

  /** Vertex AI accelerator type names. */
  public static final List<String> GPU_TYPES =
      List.of(
          "NVIDIA_TESLA_T4",
          "NVIDIA_TESLA_P4",
          "NVIDIA_TESLA_P100",
          "NVIDIA_TESLA_V100",
          "NVIDIA_L4",
          "NVIDIA_TESLA_A100",
          "NVIDIA_A100_80GB",
          "NVIDIA_H100_80GB",
          "NVIDIA_H200_141GB");

  public static final List<Integer> GPU_COUNTS = List.of(0, 1, 2, 4, 8);
  /**
   * What the TensorFlow Java trainer can use. TensorFlow Java has no distribution strategy
   * (MirroredStrategy is Python), so several GPUs would need hand-built replicas with gradient
   * averaging; this build trains on one GPU or the CPU and refuses more instead of idling them.
   */
  public static final List<Integer> SUPPORTED_GPU_COUNTS = List.of(0, 1);
  public static final String DEFAULT_MACHINE_TYPE = "n1-standard-4";

  public static GpuConfig cpu() {
    return new GpuConfig(null, 0, DEFAULT_MACHINE_TYPE, false);
  }

  public GpuConfig withDefaults() {
    return new GpuConfig(
        gpuType,
        gpuCount != null ? gpuCount : 0,
        machineType != null ? machineType : DEFAULT_MACHINE_TYPE,
        preemptible != null ? preemptible : false);
  }

  public boolean wantsGpu() {
    return gpuCount != null && gpuCount > 0;
  }
}
