package dev.trainflow.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.artifacts.GcsArtifactStore;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreConfigurationTests {
  @TempDir Path dataDir;

  private TrainflowSettings settings(String root) {
    return new TrainflowSettings(dataDir, null, null, new TrainflowSettings.Artifacts(root), null);
  }

  @Test
  void shouldUseTheDataFolderWhenNoRootIsConfigured() {
    assertThat(ArtifactStoreConfiguration.open(settings(""), ""))
        .isInstanceOfSatisfying(
            LocalArtifactStore.class, s -> assertThat(s.root()).isEqualTo(dataDir.resolve("artifacts").toAbsolutePath()));
  }

  @Test
  void shouldUseCloudStorageForAGsRoot() {
    // opening a client sends nothing; the emulator endpoint keeps it away from Google's credentials
    assertThat(ArtifactStoreConfiguration.open(settings("gs://bucket/trainflow"), "http://localhost:1"))
        .isInstanceOfSatisfying(
            GcsArtifactStore.class, s -> assertThat(s.uriOf("runs/1/config.json")).isEqualTo("gs://bucket/trainflow/runs/1/config.json"));
  }

  @Test
  void shouldUseAFolderForAFileUriAndRefuseOtherSchemes() {
    assertThat(ArtifactStoreConfiguration.open(settings(dataDir.resolve("x").toUri().toString()), ""))
        .isInstanceOf(LocalArtifactStore.class);
    assertThatThrownBy(() -> ArtifactStoreConfiguration.open(settings("s3://bucket/x"), ""))
        .hasMessageContaining("ARTIFACT_ROOT=s3://bucket/x");
  }
}
