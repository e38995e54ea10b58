package dev.trainflow.activities.vertex;

import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.RegistryEntry;
import dev.trainflow.workflows.activities.RegistrationRequest;
import dev.trainflow.workflows.activities.RegistrationResult;
import dev.trainflow.workflows.activities.RegistryActivities;
import java.util.Map;

/**
 * Registration with {@code MODEL_REGISTRY=vertex}: the local PostgreSQL registry stays the source
 * of truth (versions, lineage, blessing) and the entry is also uploaded to the Vertex AI Model
 * Registry; the Vertex model version it became is kept in the entry's labels ({@link
 * #VERTEX_MODEL_LABEL}, {@link #VERTEX_VERSION_LABEL}), so a repeated registration uploads nothing.
 */
public final class VertexRegistryActivities implements RegistryActivities {
  public static final String VERTEX_MODEL_LABEL = "vertex_model";
  public static final String VERTEX_VERSION_LABEL = "vertex_model_version";

  private final ModelRegistryRepository registry;
  private final VertexModelRegistry vertex;

  public VertexRegistryActivities(ModelRegistryRepository registry, VertexModelRegistry vertex) {
    this.registry = registry;
    this.vertex = vertex;
  }

  @Override
  public RegistrationResult registerModel(RegistrationRequest request) {
    RegistryEntry entry = registry.register(request);
    if (!entry.labels().containsKey(VERTEX_MODEL_LABEL)) {
      VertexModelRegistry.VertexModelVersion uploaded = vertex.upload(request, entry.version());
      entry = registry.addLabels(entry.id(), Map.of(VERTEX_MODEL_LABEL, uploaded.model(), VERTEX_VERSION_LABEL, uploaded.versionId()));
    }
    return new RegistrationResult(entry.id(), entry.version(), entry.artifactUri());
  }
}
