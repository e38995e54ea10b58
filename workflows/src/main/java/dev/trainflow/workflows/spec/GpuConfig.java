package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * The {@code gpu_config} of a run. The default is CPU: no GPU type, zero GPUs. Without a machine
 * type, a GPU runs on the machine the seed's table pairs with it (T4 on n1-standard-8, ...).
 *
 * @param escalateOnOom on {@code out_of_memory}, retry once on the next larger GPU or machine
 * @param preemptAtEpochs resilience testing on the local backend: the trainer is preempted (it
 *     checkpoints and fails the attempt as {@code preempted}) once after each of these epochs
 */
public record GpuConfig(
    String gpuType,
    Integer gpuCount,
    String machineType,
    Boolean preemptible,
    Boolean escalateOnOom,
    List<Integer> preemptAtEpochs) {

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

  /** Capacity without the durability knobs, for callers that set only these. */
  public GpuConfig(String gpuType, Integer gpuCount, String machineType, Boolean preemptible) {
    this(gpuType, gpuCount, machineType, preemptible, null, null);
  }

  public static GpuConfig cpu() {
    return new GpuConfig(null, 0, DEFAULT_MACHINE_TYPE, false, false, List.of());
  }

  public GpuConfig withDefaults() {
    return new GpuConfig(
        gpuType,
        gpuCount != null ? gpuCount : 0,
        machineType != null ? machineType : gpuType != null ? CapacityLadder.machineFor(gpuType) : DEFAULT_MACHINE_TYPE,
        preemptible != null ? preemptible : false,
        escalateOnOom != null ? escalateOnOom : false,
        preemptAtEpochs != null ? preemptAtEpochs : List.of());
  }

  public GpuConfig onDemand() {
    return new GpuConfig(gpuType, gpuCount, machineType, false, escalateOnOom, preemptAtEpochs);
  }

  public GpuConfig withCapacity(String gpuType, String machineType) {
    return new GpuConfig(gpuType, gpuCount, machineType, preemptible, escalateOnOom, preemptAtEpochs);
  }

  public boolean wantsGpu() {
    return gpuCount != null && gpuCount > 0;
  }
}
