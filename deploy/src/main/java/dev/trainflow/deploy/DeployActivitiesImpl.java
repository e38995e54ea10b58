package dev.trainflow.deploy;

import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.DeployActivities;
import dev.trainflow.workflows.activities.DeploymentRequest;
import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.spec.DeploymentConfig;

/**
 * Carries out a run's {@code deployment_config}. This build knows {@code register_only}: the
 * model is registered and no endpoint is touched. The endpoint actions are validated away at
 * creation; should one reach this stage anyway (an old history), it fails non-retryably rather
 * than pretending to deploy.
 */
public class DeployActivitiesImpl implements DeployActivities {

  @Override
  public DeploymentResult deployModel(DeploymentRequest request) {
    DeploymentConfig config = request.config().withDefaults();
    if (DeploymentConfig.REGISTER_ONLY.equals(config.action())) {
      return new DeploymentResult(
          config.action(),
          "registered",
          null,
          null,
          "model " + request.mlModelName() + " version " + request.registration().modelVersion()
              + " registered; register_only deploys no endpoint");
    }
    throw TrainingFailures.invalidConfig(
        "deployment_config.action '" + config.action() + "' is not available in this build; supported: "
            + String.join(", ", DeploymentConfig.SUPPORTED_ACTIONS));
  }
}
