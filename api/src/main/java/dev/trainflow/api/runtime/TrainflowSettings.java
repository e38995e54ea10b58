package dev.trainflow.api.runtime;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each part of the runtime lives. A part with no address configured runs embedded: the
 * Temporal test server, PostgreSQL and the artifact folder, all under {@code dataDir}.
 */
@ConfigurationProperties("trainflow")
public record TrainflowSettings(
    Path dataDir, Temporal temporal, Database database, Artifacts artifacts, Workers workers) {

  public record Temporal(String address, int embeddedPort) {
    public boolean embedded() {
      return address == null || address.isBlank();
    }
  }

  public record Database(String url, String username, String password, int embeddedPort) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  public record Artifacts(String root) {
    public boolean embedded() {
      return root == null || root.isBlank();
    }
  }

  public record Workers(boolean embeddedGpu) {}

  public Path embeddedPostgresDir() {
    return dataDir.resolve("postgres");
  }

  public Path embeddedArtifactDir() {
    return dataDir.resolve("artifacts");
  }
}
