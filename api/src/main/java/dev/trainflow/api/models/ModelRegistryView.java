package dev.trainflow.api.models;

import java.util.List;

/**
 * {@code GET /api/models/{name}}: the ml model's versions, oldest first.
 *
 * @param productionVersion the version in production; null when none is
 */
public record ModelRegistryView(String name, Integer productionVersion, List<ModelVersionView> versions) {}
