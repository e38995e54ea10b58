package dev.trainflow.api.models;

import dev.trainflow.activities.persistence.RegistryEntry;
import java.time.OffsetDateTime;
import java.util.Map;

/** A registered model version as {@code GET /api/models/{name}} shows it. */
public record ModelVersionView(
    int version,
    String stage,
    OffsetDateTime stageChangedAt,
    String modelType,
    String artifactUri,
    boolean blessed,
    boolean pushedAnyway,
    Map<String, Double> metrics,
    Lineage lineage,
    OffsetDateTime createdAt) {

  /**
   * Where the version came from.
   *
   * @param trainingRunId null once the run was deleted; the rest is kept on the version
   */
  public record Lineage(Long trainingRunId, Long datasetId, Integer datasetVersion, String configSha256) {}

  static ModelVersionView of(RegistryEntry e) {
    return new ModelVersionView(
        e.version(),
        e.stage(),
        e.stageChangedAt(),
        e.modelType(),
        e.artifactUri(),
        e.blessed(),
        e.pushedAnyway(),
        e.metrics(),
        new Lineage(e.trainingRunId(), e.datasetId(), e.datasetVersion(), e.configSha256()),
        e.createdAt());
  }
}
