package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * Machine and GPU types from small to large: where an {@code out_of_memory} escalation goes next.
 * GPU runs move to the next GPU with more memory (and the machine Vertex AI pairs with it); CPU
 * runs move to the next machine with more memory.
 */
public final class CapacityLadder {
  public static final List<String> MACHINE_TYPES =
      List.of(
          "n1-standard-4",
          "n1-standard-8",
          "n1-standard-16",
          "n1-standard-32",
          "n1-highmem-32",
          "n1-highmem-64",
          "g2-standard-24",
          "g2-standard-48",
          "a2-highgpu-1g",
          "a2-highgpu-2g",
          "a2-highgpu-4g",
          "a2-highgpu-8g",
          "a2-ultragpu-1g",
          "a3-highgpu-8g");

  /** GPU types by memory (16, 24, 16→32 GB V100 last of the small ones, then 40, 80 GB...). */
  private static final List<String> GPU_LADDER =
      List.of("NVIDIA_TESLA_T4", "NVIDIA_L4", "NVIDIA_TESLA_V100", "NVIDIA_TESLA_A100", "NVIDIA_A100_80GB",
          "NVIDIA_H100_80GB", "NVIDIA_H200_141GB");

  /** The seed's GPU machine table: the machine each GPU type runs on. */
  private static final java.util.Map<String, String> GPU_MACHINES =
      java.util.Map.of(
          "NVIDIA_TESLA_T4", "n1-standard-8",
          "NVIDIA_L4", "g2-standard-24",
          "NVIDIA_TESLA_V100", "n1-standard-16",
          "NVIDIA_TESLA_P4", "n1-standard-8",
          "NVIDIA_TESLA_P100", "n1-standard-16",
          "NVIDIA_TESLA_A100", "a2-highgpu-1g",
          "NVIDIA_A100_80GB", "a2-ultragpu-1g",
          "NVIDIA_H100_80GB", "a3-highgpu-8g",
          "NVIDIA_H200_141GB", "a3-highgpu-8g");

  private static final List<String> CPU_LADDER =
      List.of("n1-standard-4", "n1-standard-8", "n1-standard-16", "n1-standard-32", "n1-highmem-32", "n1-highmem-64");

  private CapacityLadder() {}

  /** The machine a GPU type runs on when the run names none. */
  public static String machineFor(String gpuType) {
    return GPU_MACHINES.getOrDefault(gpuType, GpuConfig.DEFAULT_MACHINE_TYPE);
  }

  /** The next larger capacity, or null at the top of the ladder. */
  public static GpuConfig next(GpuConfig gpu) {
    if (gpu.wantsGpu()) {
      int at = GPU_LADDER.indexOf(gpu.gpuType());
      if (at < 0 || at + 1 >= GPU_LADDER.size()) {
        return null;
      }
      String bigger = GPU_LADDER.get(at + 1);
      return gpu.withCapacity(bigger, GPU_MACHINES.get(bigger));
    }
    int at = CPU_LADDER.indexOf(gpu.machineType());
    return at < 0 || at + 1 >= CPU_LADDER.size() ? null : gpu.withCapacity(null, CPU_LADDER.get(at + 1));
  }
}
