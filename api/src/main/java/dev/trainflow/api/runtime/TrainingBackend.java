package dev.trainflow.api.runtime;

import dev.trainflow.workflows.activities.TrainingActivities;

/**
 * The training activity the {@code gpu} queue runs ({@code TRAINING_BACKEND}): {@code local}
 * trains in this process with TensorFlow Java, {@code vertex} submits each attempt as a Vertex AI
 * custom job. {@code resources} are the clients it opened, closed with the context.
 *
 * @param maxConcurrentAttempts how many attempts this process runs at once: one on the local
 *     GPU; for Vertex AI, jobs it only polls ({@code VERTEX_MAX_CONCURRENT_JOBS}, default 16)
 */
record TrainingBackend(String name, TrainingActivities activities, int maxConcurrentAttempts, AutoCloseable resources)
    implements AutoCloseable {
  @Override
  public void close() throws Exception {
    if (resources != null) {
      resources.close();
    }
  }
}
