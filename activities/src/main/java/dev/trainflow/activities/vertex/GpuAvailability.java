package dev.trainflow.activities.vertex;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.spec.GpuConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pre-flight of a Vertex AI custom job: fails in milliseconds, with a message that says what
 * to change, what Vertex AI would reject (or leave queued) only after minutes. It checks the
 * accelerator against the regions that offer it for custom training, the machine family against
 * the accelerator it can carry (GPUs only come from {@code worker_pool_specs}: the machine type
 * alone gives none), and that the staging bucket is in the job's region (the seed's lesson: a
 * bucket elsewhere fails the job after it has queued). Quota is not visible without the Cloud
 * Quotas API; a job refused for quota fails as {@code gpu_unavailable} from its error instead.
 */
public final class GpuAvailability {
  /**
   * Accelerators for custom training by region (Vertex AI's "locations" page, 2025). A region not
   * listed is not checked: the table must not refuse what Google has added since.
   */
  static final Map<String, Set<String>> ACCELERATORS_BY_REGION =
      Map.of(
          "us-central1", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P4", "NVIDIA_TESLA_P100", "NVIDIA_TESLA_V100",
              "NVIDIA_L4", "NVIDIA_TESLA_A100", "NVIDIA_A100_80GB", "NVIDIA_H100_80GB"),
          "us-east1", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P100", "NVIDIA_TESLA_V100", "NVIDIA_L4"),
          "us-east4", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P4", "NVIDIA_L4", "NVIDIA_A100_80GB", "NVIDIA_H100_80GB"),
          "us-west1", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P100", "NVIDIA_TESLA_V100", "NVIDIA_L4", "NVIDIA_TESLA_A100"),
          "europe-west1", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P100", "NVIDIA_L4"),
          "europe-west4", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P4", "NVIDIA_TESLA_P100", "NVIDIA_TESLA_V100",
              "NVIDIA_L4", "NVIDIA_TESLA_A100", "NVIDIA_A100_80GB", "NVIDIA_H100_80GB"),
          "asia-northeast1", Set.of("NVIDIA_TESLA_T4", "NVIDIA_L4", "NVIDIA_TESLA_A100"),
          "asia-southeast1", Set.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P4", "NVIDIA_L4", "NVIDIA_TESLA_A100",
              "NVIDIA_A100_80GB"));

  /** Machine families that carry one accelerator type only; N1 carries the older ones. */
  private static final Map<String, String> FAMILY_ACCELERATOR =
      Map.of("g2-", "NVIDIA_L4", "a2-highgpu-", "NVIDIA_TESLA_A100", "a2-ultragpu-", "NVIDIA_A100_80GB",
          "a3-highgpu-", "NVIDIA_H100_80GB");
  private static final List<String> N1_ACCELERATORS =
      List.of("NVIDIA_TESLA_T4", "NVIDIA_TESLA_P4", "NVIDIA_TESLA_P100", "NVIDIA_TESLA_V100");

  private GpuAvailability() {}

  /**
   * Throws a non-retryable {@code gpu_unavailable} failure when the region does not offer the
   * accelerator or the machine cannot carry it, and {@code invalid_config} when the staging
   * bucket is in another region.
   *
   * @param stagingBucketLocation the bucket's location as Cloud Storage reports it ({@code
   *     US-CENTRAL1}, {@code US} for a multi-region)
   */
  public static void check(GpuConfig capacity, String region, String stagingBucket, String stagingBucketLocation) {
    String location = stagingBucketLocation == null ? "" : stagingBucketLocation.toLowerCase(Locale.ROOT);
    if (!location.equals(region)) {
      throw TrainingFailures.invalidConfig(
          "the staging bucket " + stagingBucket + " is in " + (location.isEmpty() ? "an unknown location" : location)
              + " but Vertex AI jobs run in " + region
              + ": use a bucket in " + region + " (VERTEX_STAGING_BUCKET) or set GCP_REGION to the bucket's region");
    }
    if (capacity == null || !capacity.wantsGpu()) {
      return;
    }
    String accelerator = capacity.gpuType();
    if (accelerator == null) {
      throw TrainingFailures.invalidConfig("gpu_config.gpu_count is " + capacity.gpuCount() + " but gpu_config.gpu_type is missing");
    }
    Set<String> offered = ACCELERATORS_BY_REGION.get(region);
    if (offered != null && !offered.contains(accelerator)) {
      throw TrainingFailures.of(
          FailureReason.GPU_UNAVAILABLE,
          "gpu_config.gpu_type " + accelerator + " is not offered for Vertex AI custom training in " + region
              + "; there: " + offered.stream().sorted().toList());
    }
    String machine = capacity.machineType();
    if (machine != null) {
      String carried =
          FAMILY_ACCELERATOR.entrySet().stream()
              .filter(e -> machine.startsWith(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      boolean fits = carried != null ? carried.equals(accelerator) : machine.startsWith("n1-") && N1_ACCELERATORS.contains(accelerator);
      if (!fits) {
        throw TrainingFailures.of(
            FailureReason.GPU_UNAVAILABLE,
            "gpu_config.machine_type " + machine + " cannot carry " + accelerator
                + (carried != null ? " (it carries " + carried + " only)" : N1_ACCELERATORS.contains(accelerator) ? "" : " (that GPU needs its own machine family, not " + machine + ")"));
      }
    }
  }
}
