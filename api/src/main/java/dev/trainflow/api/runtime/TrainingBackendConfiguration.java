package dev.trainflow.api.runtime;

import com.google.cloud.aiplatform.v1.JobServiceClient;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.artifacts.ArtifactStores;
import dev.trainflow.activities.vertex.TrainingReports;
import dev.trainflow.activities.vertex.VertexClients;
import dev.trainflow.activities.vertex.VertexSettings;
import dev.trainflow.activities.vertex.VertexTrainingActivities;
import dev.trainflow.worker.TrainingActivitiesImpl;
import dev.trainflow.worker.WorkflowEpochReporter;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingStart;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the training backend: {@code TRAINING_BACKEND=local} (the default) or {@code vertex}
 * (settings in {@link VertexSettings#fromEnv}; needs {@code ARTIFACT_ROOT=gs://...}).
 */
@Configuration(proxyBeanMethods = false)
class TrainingBackendConfiguration {

  @Bean(destroyMethod = "close")
  TrainingBackend trainingBackend(
      @Value("${TRAINING_BACKEND:local}") String backend,
      @Value("${GCS_ENDPOINT:}") String gcsEndpoint,
      ArtifactStore store,
      WorkflowClient client) {
    return open(backend, System.getenv(), gcsEndpoint, store, client);
  }

  static TrainingBackend open(
      String backend, Map<String, String> env, String gcsEndpoint, ArtifactStore store, WorkflowClient client) {
    return switch (backend.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "", "local" -> new TrainingBackend("local", new TrainingActivitiesImpl(store, new WorkflowEpochReporter(client)), 1, null);
      case "vertex" -> {
        VertexSettings settings = VertexSettings.fromEnv(env);
        int concurrentJobs = positive(env, "VERTEX_MAX_CONCURRENT_JOBS", 16);
        JobServiceClient jobs = VertexClients.jobs(settings);
        var storage = ArtifactStores.storage(gcsEndpoint);
        yield new TrainingBackend(
            "vertex",
            new VertexTrainingActivities(store, jobs, storage, settings, System::currentTimeMillis, workflowReports(client)),
            concurrentJobs,
            () -> {
              jobs.close();
              storage.close();
            });
      }
      default -> throw new IllegalStateException("TRAINING_BACKEND=" + backend + ": expected local or vertex");
    };
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalStateException(name + "=" + value + ": expected a whole number of at least 1");
  }

  /** The job's start and epochs go to the run workflow the way the local trainer sends them. */
  private static TrainingReports workflowReports(WorkflowClient client) {
    WorkflowEpochReporter reporter = new WorkflowEpochReporter(client);
    return new TrainingReports() {
      @Override
      public void started(String workflowId, TrainingStart start) {
        reporter.started(workflowId, start);
      }

      @Override
      public void epoch(String workflowId, EpochMetrics metrics) {
        reporter.report(workflowId, metrics);
      }
    };
  }
}
