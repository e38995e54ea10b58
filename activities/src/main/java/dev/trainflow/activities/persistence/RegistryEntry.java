package dev.trainflow.activities.persistence;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A model registry entry.
 *
 * @param stage none, staging, production or archived ({@link ModelStage})
 * @param stageChangedAt when the stage last changed; null while it never did
 * @param datasetId lineage: the dataset the run trained on (kept when the run is deleted)
 * @param datasetVersion lineage: its version, null when the run recorded none
 * @param configSha256 lineage: the SHA-256 of the run's frozen config snapshot
 */
public record RegistryEntry(
    long id,
    long mlModelId,
    int version,
    Long trainingRunId,
    String modelType,
    String artifactUri,
    boolean blessed,
    boolean pushedAnyway,
    Map<String, Double> metrics,
    Map<String, String> labels,
    OffsetDateTime createdAt,
    String stage,
    OffsetDateTime stageChangedAt,
    Long datasetId,
    Integer datasetVersion,
    String configSha256) {}
