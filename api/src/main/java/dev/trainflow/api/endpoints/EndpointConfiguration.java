package dev.trainflow.api.endpoints;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.persistence.EndpointRepository;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.api.runtime.TrainflowSettings;
import dev.trainflow.deploy.cloudrun.CloudRunClients;
import dev.trainflow.deploy.cloudrun.CloudRunDeployTarget;
import dev.trainflow.deploy.cloudrun.CloudRunSettings;
import dev.trainflow.deploy.endpoint.DeployTarget;
import dev.trainflow.deploy.endpoint.EndpointManager;
import dev.trainflow.deploy.local.LocalDeployTarget;
import dev.trainflow.deploy.local.LocalTargetSettings;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Endpoints: their repository, the deploy target chosen by {@code DEPLOY_TARGET} (local, cloud_run), the manager. */
@Configuration(proxyBeanMethods = false)
class EndpointConfiguration {

  @Bean
  EndpointRepository endpointRepository(DSLContext db) {
    return new EndpointRepository(db);
  }

  @Bean
  DeployTarget deployTarget(DeploySettings deploy, TrainflowSettings settings, ArtifactStore store) {
    if (CloudRunDeployTarget.KIND.equals(deploy.target())) {
      // GCP_PROJECT, GCP_REGION, MODEL_SERVER_IMAGE, CLOUD_RUN_* (docs/deploy.md)
      CloudRunSettings cloudRun = CloudRunSettings.fromEnv(System.getenv());
      return new CloudRunDeployTarget(CloudRunClients.services(cloudRun), cloudRun);
    }
    if (!LocalDeployTarget.KIND.equals(deploy.target())) {
      throw new IllegalStateException(
          "DEPLOY_TARGET=" + deploy.target() + " is not a deploy target; use local or cloud_run");
    }
    // closed with the context: routers stop and model servers are terminated
    return new LocalDeployTarget(
        store,
        new LocalTargetSettings(
            settings.dataDir().resolve("endpoints"), deploy.localBindAddress(), deploy.localStartTimeout()));
  }

  @Bean
  EndpointManager endpointManager(
      EndpointRepository endpoints, ModelRegistryRepository registry, DeployTarget target) {
    return new EndpointManager(endpoints, registry, target);
  }
}
