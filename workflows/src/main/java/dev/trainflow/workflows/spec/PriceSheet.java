package dev.trainflow.workflows.spec;

import java.util.Map;

/**
 * Hourly prices of machines and GPUs, and the discount for preemptible (Spot) capacity. The
 * operator configures it ({@code trainflow.pricing}); Compile freezes it into the run so a run's
 * cost never changes with later price edits.
 */
public record PriceSheet(
    Map<String, Double> machineHourlyUsd, Map<String, Double> gpuHourlyUsd, double preemptibleDiscount) {

  /**
   * Approximate Google Cloud us-central1 on-demand list prices (2025); a2/a3/g2 machine prices
   * include their GPUs' host share only, the GPUs are priced per GPU.
   */
  public static PriceSheet standard() {
    return new PriceSheet(
        Map.ofEntries(
            Map.entry("n1-standard-4", 0.19),
            Map.entry("n1-standard-8", 0.38),
            Map.entry("n1-standard-16", 0.76),
            Map.entry("n1-standard-32", 1.52),
            Map.entry("n1-highmem-32", 1.89),
            Map.entry("n1-highmem-64", 3.79),
            Map.entry("g2-standard-24", 1.00),
            Map.entry("g2-standard-48", 2.00),
            Map.entry("a2-highgpu-1g", 0.74),
            Map.entry("a2-highgpu-2g", 1.48),
            Map.entry("a2-highgpu-4g", 2.96),
            Map.entry("a2-highgpu-8g", 5.92),
            Map.entry("a2-ultragpu-1g", 1.12),
            Map.entry("a3-highgpu-8g", 7.50)),
        Map.of(
            "NVIDIA_TESLA_T4", 0.35,
            "NVIDIA_TESLA_P4", 0.60,
            "NVIDIA_TESLA_P100", 1.46,
            "NVIDIA_TESLA_V100", 2.48,
            "NVIDIA_L4", 0.71,
            "NVIDIA_TESLA_A100", 2.93,
            "NVIDIA_A100_80GB", 3.93,
            "NVIDIA_H100_80GB", 9.80,
            "NVIDIA_H200_141GB", 10.60),
        0.70);
  }

  /** USD per hour of {@code capacity}: machine + GPUs, less the discount when preemptible. */
  public double hourly(GpuConfig capacity) {
    double machine = machineHourlyUsd.getOrDefault(capacity.machineType(), 0.0);
    double gpus =
        capacity.wantsGpu() ? gpuHourlyUsd.getOrDefault(capacity.gpuType(), 0.0) * capacity.gpuCount() : 0.0;
    double price = machine + gpus;
    return Boolean.TRUE.equals(capacity.preemptible()) ? price * (1 - preemptibleDiscount) : price;
  }
}
