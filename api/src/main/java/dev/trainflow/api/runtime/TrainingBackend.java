package dev.trainflow.api.runtime;

import dev.trainflow.workflows.activities.TrainingActivities;

/**
 * The training activity the {@code gpu} queue runs ({@code TRAINING_BACKEND}): {@code local}
 * trains in this process with TensorFlow Java, {@code vertex} submits each attempt as a Vertex AI
 * custom job. {@code resources} are the clients it opened, closed with the context.
 */
record TrainingBackend(String name, TrainingActivities activities, AutoCloseable resources) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    if (resources != null) {
      resources.close();
    }
  }
}
