package dev.trainflow.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.registry.RegistryActivitiesImpl;
import dev.trainflow.activities.vertex.VertexRegistryActivities;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryBackendConfigurationTests {
  // the backends only keep the repository; nothing here touches the database
  private final dev.trainflow.activities.persistence.ModelRegistryRepository repository =
      new dev.trainflow.activities.persistence.ModelRegistryRepository(null);

  @Test
  void shouldRegisterLocallyByDefault() throws Exception {
    try (RegistryBackend backend = RegistryBackendConfiguration.open("local", Map.of(), repository)) {
      assertThat(backend.activities()).isInstanceOf(RegistryActivitiesImpl.class);
    }
  }

  @Test
  void shouldAlsoUploadToVertexWhenAsked() throws Exception {
    Map<String, String> env =
        Map.of("GCP_PROJECT", "p", "GCP_REGION", "us-central1", "MODEL_SERVER_IMAGE", "img", "VERTEX_ENDPOINT", "localhost:1");
    try (RegistryBackend backend = RegistryBackendConfiguration.open("vertex", env, repository)) {
      assertThat(backend.name()).isEqualTo("vertex");
      assertThat(backend.activities()).isInstanceOf(VertexRegistryActivities.class);
    }
  }

  @Test
  void shouldNameTheMissingSettingOrTheUnknownRegistry() {
    assertThatThrownBy(() -> RegistryBackendConfiguration.open(
            "vertex", Map.of("GCP_PROJECT", "p", "GCP_REGION", "r", "VERTEX_ENDPOINT", "localhost:1"), repository))
        .hasMessageContaining("MODEL_SERVER_IMAGE is required");
    assertThatThrownBy(() -> RegistryBackendConfiguration.open("mlflow", Map.of(), repository))
        .hasMessageContaining("MODEL_REGISTRY=mlflow: expected local or vertex");
  }
}
