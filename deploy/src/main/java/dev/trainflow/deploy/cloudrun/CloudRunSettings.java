package dev.trainflow.deploy.cloudrun;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how endpoints run on Cloud Run.
 *
 * @param project {@code GCP_PROJECT}
 * @param region {@code GCP_REGION}; put the artifact bucket in the same region
 * @param modelServerImage the model-server image ({@code MODEL_SERVER_IMAGE})
 * @param memory the container's memory limit ({@code CLOUD_RUN_MEMORY}, default {@code 2Gi})
 * @param cpu the container's CPU limit ({@code CLOUD_RUN_CPU}, default {@code 1})
 * @param minInstances {@code CLOUD_RUN_MIN_INSTANCES} (default 0: scale to zero; 1 keeps a warm one)
 * @param maxInstances {@code CLOUD_RUN_MAX_INSTANCES} (default 3)
 * @param serviceAccount the revisions' identity ({@code CLOUD_RUN_SERVICE_ACCOUNT}); it needs read
 *     access to the artifact bucket; null for the default compute account
 * @param endpoint {@code host:port} of an emulator in plaintext without credentials ({@code
 *     CLOUD_RUN_ENDPOINT}); null for Google's
 * @param pollInterval how often a service change is polled until it is done ({@code
 *     CLOUD_RUN_POLL_MILLIS}, default 2000)
 */
public record CloudRunSettings(
    String project,
    String region,
    String modelServerImage,
    String memory,
    String cpu,
    int minInstances,
    int maxInstances,
    String serviceAccount,
    String endpoint,
    Duration pollInterval) {

  public CloudRunSettings {
    require("GCP_PROJECT", project);
    require("GCP_REGION", region);
    require("MODEL_SERVER_IMAGE", modelServerImage);
    if (minInstances < 0 || maxInstances < 1 || minInstances > maxInstances) {
      throw new IllegalArgumentException(
          "CLOUD_RUN_MIN_INSTANCES=" + minInstances + ", CLOUD_RUN_MAX_INSTANCES=" + maxInstances
              + ": expected 0 <= min <= max and max >= 1");
    }
  }

  public static CloudRunSettings fromEnv(Map<String, String> env) {
    return new CloudRunSettings(
        env.get("GCP_PROJECT"),
        env.get("GCP_REGION"),
        env.get("MODEL_SERVER_IMAGE"),
        env.getOrDefault("CLOUD_RUN_MEMORY", "2Gi"),
        env.getOrDefault("CLOUD_RUN_CPU", "1"),
        integer(env, "CLOUD_RUN_MIN_INSTANCES", 0),
        integer(env, "CLOUD_RUN_MAX_INSTANCES", 3),
        blankToNull(env.get("CLOUD_RUN_SERVICE_ACCOUNT")),
        blankToNull(env.get("CLOUD_RUN_ENDPOINT")),
        Duration.ofMillis(integer(env, "CLOUD_RUN_POLL_MILLIS", 2000)));
  }

  public String parent() {
    return "projects/" + project + "/locations/" + region;
  }

  public String serviceName(String serviceId) {
    return parent() + "/services/" + serviceId;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + value + ": expected a whole number");
    }
  }

  private static void require(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required for the Cloud Run deploy target");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
