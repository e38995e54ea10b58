package dev.trainflow.api.runtime;

import dev.trainflow.workflows.activities.RegistryActivities;

/**
 * The registry activity ({@code MODEL_REGISTRY}): {@code local} registers in PostgreSQL only,
 * {@code vertex} also uploads each entry to the Vertex AI Model Registry. {@code resources} are
 * the clients it opened, closed with the context.
 */
record RegistryBackend(String name, RegistryActivities activities, AutoCloseable resources) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    if (resources != null) {
      resources.close();
    }
  }
}
