package dev.trainflow.activities.persistence;

import java.time.OffsetDateTime;

/** One model version an endpoint knows, with its current share of the traffic (0 when retired). */
public record StoredEndpointRevision(
    String revisionId,
    Long trainingRunId,
    Long modelRegistryId,
    int modelVersion,
    String modelUri,
    int trafficPercent,
    String url,
    OffsetDateTime createdAt) {}
