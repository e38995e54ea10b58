package dev.trainflow.activities.persistence;

import java.time.OffsetDateTime;
import java.util.Map;

/** A model registry entry. */
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
    OffsetDateTime createdAt) {}
