package dev.trainflow.api.runtime;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The artifact store: {@code ARTIFACT_ROOT}, or the folder {@code DATA_DIR/artifacts}. */
@Configuration(proxyBeanMethods = false)
class ArtifactStoreConfiguration {

  @Bean
  ArtifactStore artifactStore(TrainflowSettings settings) {
    if (settings.artifacts().embedded()) {
      return new LocalArtifactStore(settings.embeddedArtifactDir());
    }
    return new LocalArtifactStore(localRoot(settings.artifacts().root()));
  }

  static Path localRoot(String root) {
    if (root.startsWith("file:")) {
      return Path.of(URI.create(root));
    }
    if (root.contains("://")) {
      throw new IllegalStateException(
          "ARTIFACT_ROOT=" + root + ": this build stores artifacts in a local or mounted folder only"
              + " (a path or file: URI); gs:// needs the Cloud Storage adapter");
    }
    return Path.of(root);
  }
}
