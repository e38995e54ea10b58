package dev.trainflow.api.runtime;

import com.google.cloud.aiplatform.v1.ModelServiceClient;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.registry.RegistryActivitiesImpl;
import dev.trainflow.activities.vertex.VertexClients;
import dev.trainflow.activities.vertex.VertexModelRegistry;
import dev.trainflow.activities.vertex.VertexRegistryActivities;
import dev.trainflow.activities.vertex.VertexSettings;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the model registry: {@code MODEL_REGISTRY=local} (the default) or {@code vertex}
 * ({@link VertexSettings#fromEnv} plus {@code MODEL_SERVER_IMAGE}; needs {@code ARTIFACT_ROOT=gs://...}).
 */
@Configuration(proxyBeanMethods = false)
class RegistryBackendConfiguration {

  @Bean(destroyMethod = "close")
  RegistryBackend registryBackend(@Value("${MODEL_REGISTRY:local}") String registry, ModelRegistryRepository repository) {
    return open(registry, System.getenv(), repository);
  }

  static RegistryBackend open(String registry, Map<String, String> env, ModelRegistryRepository repository) {
    return switch (registry.trim().toLowerCase(Locale.ROOT)) {
      case "", "local" -> new RegistryBackend("local", new RegistryActivitiesImpl(repository), null);
      case "vertex" -> {
        VertexSettings settings = VertexSettings.fromEnv(env);
        ModelServiceClient models = VertexClients.models(settings);
        try {
          yield new RegistryBackend(
              "vertex",
              new VertexRegistryActivities(repository, new VertexModelRegistry(models, settings, env.get("MODEL_SERVER_IMAGE"))),
              models::close);
        } catch (RuntimeException e) {
          models.close();
          throw e;
        }
      }
      default -> throw new IllegalStateException("MODEL_REGISTRY=" + registry + ": expected local or vertex");
    };
  }
}
