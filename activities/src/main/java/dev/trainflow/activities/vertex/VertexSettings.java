package dev.trainflow.activities.vertex;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how Vertex AI runs our jobs and holds our models.
 *
 * @param project the Google Cloud project ({@code GCP_PROJECT})
 * @param region the Vertex AI region, e.g. {@code us-central1} ({@code GCP_REGION}); jobs, models
 *     and the staging bucket must all be in it
 * @param stagingBucket {@code gs://bucket[/prefix]} for the job's base output directory ({@code
 *     VERTEX_STAGING_BUCKET}); must be in {@code region}
 * @param trainerImage the GPU worker image the custom job runs ({@code TRAINER_IMAGE})
 * @param serviceAccount the job's service account ({@code VERTEX_SERVICE_ACCOUNT}); null for
 *     Vertex AI's default
 * @param endpoint {@code host:port} of a Vertex AI emulator reached in plaintext without
 *     credentials ({@code VERTEX_ENDPOINT}); null for Google's regional endpoint
 * @param pollInterval how often a running job is polled and the activity heartbeats ({@code
 *     VERTEX_POLL_SECONDS}, default 15; keep it under the training heartbeat timeout)
 */
public record VertexSettings(
    String project,
    String region,
    String stagingBucket,
    String trainerImage,
    String serviceAccount,
    String endpoint,
    Duration pollInterval) {

  public VertexSettings {
    require("GCP_PROJECT", project);
    require("GCP_REGION", region);
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("VERTEX_POLL_SECONDS: expected a positive number of seconds, got " + pollInterval);
    }
  }

  /** Reads the settings from environment variables (names above). */
  public static VertexSettings fromEnv(Map<String, String> env) {
    String poll = env.getOrDefault("VERTEX_POLL_SECONDS", "15");
    Duration interval;
    try {
      interval = Duration.ofMillis(Math.round(Double.parseDouble(poll) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("VERTEX_POLL_SECONDS=" + poll + ": expected a number of seconds");
    }
    return new VertexSettings(
        env.get("GCP_PROJECT"),
        env.get("GCP_REGION"),
        blankToNull(env.get("VERTEX_STAGING_BUCKET")),
        blankToNull(env.get("TRAINER_IMAGE")),
        blankToNull(env.get("VERTEX_SERVICE_ACCOUNT")),
        blankToNull(env.get("VERTEX_ENDPOINT")),
        interval);
  }

  /** {@code projects/{project}/locations/{region}}: the parent of jobs and models. */
  public String parent() {
    return "projects/" + project + "/locations/" + region;
  }

  /** The regional API endpoint: Vertex AI serves a region's resources only from its own host. */
  public String apiEndpoint() {
    return endpoint != null ? endpoint : region + "-aiplatform.googleapis.com:443";
  }

  public boolean emulated() {
    return endpoint != null;
  }

  static void require(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required for the Vertex AI adapters");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
