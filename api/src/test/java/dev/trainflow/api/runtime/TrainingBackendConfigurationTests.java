package dev.trainflow.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.vertex.VertexTrainingActivities;
import dev.trainflow.worker.TrainingActivitiesImpl;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingBackendConfigurationTests {
  @TempDir Path root;
  private final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void shouldTrainLocallyByDefault() throws Exception {
    try (TrainingBackend backend = TrainingBackendConfiguration.open("", Map.of(), "", new LocalArtifactStore(root), temporal.getWorkflowClient())) {
      assertThat(backend.name()).isEqualTo("local");
      assertThat(backend.activities()).isInstanceOf(TrainingActivitiesImpl.class);
      assertThat(backend.maxConcurrentAttempts()).isEqualTo(1);
    }
  }

  @Test
  void shouldSubmitVertexJobsWhenAsked() throws Exception {
    Map<String, String> env =
        Map.of("GCP_PROJECT", "p", "GCP_REGION", "us-central1", "TRAINER_IMAGE", "img", "VERTEX_ENDPOINT", "localhost:1",
            "VERTEX_MAX_CONCURRENT_JOBS", "4");
    try (TrainingBackend backend =
        TrainingBackendConfiguration.open("vertex", env, "http://localhost:1", new LocalArtifactStore(root), temporal.getWorkflowClient())) {
      assertThat(backend.name()).isEqualTo("vertex");
      assertThat(backend.activities()).isInstanceOf(VertexTrainingActivities.class);
      assertThat(backend.maxConcurrentAttempts()).isEqualTo(4);
    }
  }

  @Test
  void shouldNameTheMissingSettingOrTheUnknownBackend() {
    assertThatThrownBy(() -> TrainingBackendConfiguration.open("vertex", Map.of("GCP_REGION", "us-central1"), "", new LocalArtifactStore(root), temporal.getWorkflowClient()))
        .hasMessageContaining("GCP_PROJECT is required");
    assertThatThrownBy(() -> TrainingBackendConfiguration.open("sagemaker", Map.of(), "", new LocalArtifactStore(root), temporal.getWorkflowClient()))
        .hasMessageContaining("TRAINING_BACKEND=sagemaker: expected local or vertex");
    Map<String, String> zeroJobs =
        Map.of("GCP_PROJECT", "p", "GCP_REGION", "us-central1", "VERTEX_ENDPOINT", "localhost:1", "VERTEX_MAX_CONCURRENT_JOBS", "0");
    assertThatThrownBy(() -> TrainingBackendConfiguration.open("vertex", zeroJobs, "", new LocalArtifactStore(root), temporal.getWorkflowClient()))
        .hasMessageContaining("VERTEX_MAX_CONCURRENT_JOBS=0: expected a whole number of at least 1");
  }
}
