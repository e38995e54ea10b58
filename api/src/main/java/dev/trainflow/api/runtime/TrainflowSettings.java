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

  /**
   * @param embeddedGpu this process serves the gpu queue (TensorFlow training)
   * @param embeddedCpu this process serves the cpu queue (tabular training)
   * @param cpuSlots tabular trainings at once on the embedded cpu worker
   */
  public record Workers(boolean embeddedGpu, boolean embeddedCpu, int cpuSlots) {
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public Workers {
      if (cpuSlots < 1) {
        throw new IllegalArgumentException("trainflow.workers.cpu-slots (CPU_WORKER_SLOTS) must be at least 1, got " + cpuSlots);
      }
    }

    public Workers(boolean embeddedGpu) {
      this(embeddedGpu, true, 2);
    }
  }

  public Path embeddedPostgresDir() {
    return dataDir.resolve("postgres");
  }

  public Path embeddedArtifactDir() {
    return dataDir.resolve("artifacts");
  }
}
