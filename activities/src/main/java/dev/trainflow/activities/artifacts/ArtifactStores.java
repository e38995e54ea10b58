package dev.trainflow.activities.artifacts;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the artifact store an {@code ARTIFACT_ROOT} names: {@code gs://bucket/prefix} is Cloud
 * Storage (credentials from the environment: Application Default Credentials), anything else a
 * local or mounted folder (a path or a {@code file:} URI). The api, the standalone gpu worker and
 * the Vertex AI trainer image all open their store here, so they agree on what a root means.
 */
public final class ArtifactStores {
  private ArtifactStores() {}

  /**
   * @param gcsEndpoint a Cloud Storage JSON API host to use instead of Google's (an emulator, or a
   *     test's fake); null or blank for Google's
   */
  public static ArtifactStore open(String root, String gcsEndpoint) {
    if (GcsLocation.isGcs(root)) {
      return new GcsArtifactStore(storage(gcsEndpoint), root);
    }
    return new LocalArtifactStore(localRoot(root));
  }

  /** The Cloud Storage client for {@code gs://} roots: Google's endpoint unless one is given. */
  public static Storage storage(String gcsEndpoint) {
    if (gcsEndpoint == null || gcsEndpoint.isBlank()) {
      return StorageOptions.getDefaultInstance().getService();
    }
    // an emulator takes no credentials; the project only labels requests
    return StorageOptions.newBuilder()
        .setHost(gcsEndpoint)
        .setProjectId("trainflow-emulator")
        .setCredentials(NoCredentials.getInstance())
        .build()
        .getService();
  }

  public static Path localRoot(String root) {
    if (root.startsWith("file:")) {
      return Path.of(URI.create(root));
    }
    if (root.contains("://")) {
      throw new IllegalArgumentException(
          "ARTIFACT_ROOT=" + root + ": expected a local or mounted folder (a path or file: URI) or gs://bucket/prefix");
    }
    return Path.of(root);
  }
}
