package dev.trainflow.api.runtime;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.artifacts.ArtifactStores;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The artifact store: {@code ARTIFACT_ROOT} (a folder, a {@code file:} URI, or {@code
 * gs://bucket/prefix} for Cloud Storage), or the folder {@code DATA_DIR/artifacts}. {@code
 * GCS_ENDPOINT} points gs:// roots at an emulator instead of Google's endpoint.
 */
@Configuration(proxyBeanMethods = false)
class ArtifactStoreConfiguration {

  @Bean
  ArtifactStore artifactStore(TrainflowSettings settings, @Value("${GCS_ENDPOINT:}") String gcsEndpoint) {
    return open(settings, gcsEndpoint);
  }

  static ArtifactStore open(TrainflowSettings settings, String gcsEndpoint) {
    if (settings.artifacts().embedded()) {
      return new LocalArtifactStore(settings.embeddedArtifactDir());
    }
    return ArtifactStores.open(settings.artifacts().root(), gcsEndpoint);
  }
}
