package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.spec.FeatureConfig;
import java.time.OffsetDateTime;

public record StoredFeatureConfig(
    long id, String name, String description, FeatureConfig config, OffsetDateTime createdAt) {}
