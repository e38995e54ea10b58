package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelServerSettingsTests {

  @Test
  void shouldReadTheEnvironmentWithTfServingDefaults() {
    ModelServerSettings settings = ModelServerSettings.fromEnvironment(Map.of("MODEL_PATH", "/models/shop"));

    assertThat(settings.modelPath()).isEqualTo(Path.of("/models/shop"));
    assertThat(settings.modelName()).isEqualTo("model");
    assertThat(settings.port()).isEqualTo(8501);
    assertThat(settings.batching().maxBatchSize()).isEqualTo(64);
    assertThat(settings.batching().timeout()).isEqualTo(Duration.ofMillis(2));
    assertThat(settings.batching().threads()).isEqualTo(1);
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldReadEveryVariable() {
    ModelServerSettings settings =
        ModelServerSettings.fromEnvironment(
            Map.of(
                "MODEL_PATH", "/m", "MODEL_NAME", "shop-v2", "PORT", "0", "MAX_BATCH_SIZE", "128", "BATCH_TIMEOUT_MICROS", "500",
                "NUM_BATCH_THREADS", "2", "FILE_SYSTEM_POLL_WAIT_SECONDS", "0"));

    assertThat(settings.modelName()).isEqualTo("shop-v2");
    assertThat(settings.port()).isZero();
    assertThat(settings.batching()).isEqualTo(new BatchingSettings(128, Duration.ofNanos(500_000), 2));
    assertThat(settings.pollInterval()).isZero();
  }

  @Test
  void shouldNameEveryBadVariable() {
    assertThatThrownBy(
            () -> ModelServerSettings.fromEnvironment(Map.of("MODEL_NAME", "no spaces", "NUM_BATCH_THREADS", "-1", "PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MODEL_PATH is required")
        .hasMessageContaining("MODEL_NAME 'no spaces'")
        .hasMessageContaining("NUM_BATCH_THREADS must be between 1 and 64, got -1")
        .hasMessageContaining("PORT must be between 0 and 65535, got 70000");
  }

  @Test
  void shouldBuildSettingsForADeployTarget() {
    ModelServerSettings settings = ModelServerSettings.forModel(Path.of("/runs/7/model"), "shop", 0);

    assertThat(settings.modelPath()).isEqualTo(Path.of("/runs/7/model"));
    assertThat(settings.modelName()).isEqualTo("shop");
    assertThat(settings.port()).isZero();
    assertThat(settings.batching().maxBatchSize()).isEqualTo(64);
    assertThatThrownBy(() -> ModelServerSettings.forModel(Path.of("/m"), "bad name", 0)).hasMessageContaining("MODEL_NAME 'bad name'");
  }
}
