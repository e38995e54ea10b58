package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.spec.ModelConfig;
import java.time.OffsetDateTime;

public record StoredModelConfig(
    long id, String name, String description, ModelConfig config, OffsetDateTime createdAt) {}
