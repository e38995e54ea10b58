package dev.trainflow.deploy;

import dev.trainflow.activities.persistence.StoredEndpoint;
import dev.trainflow.deploy.endpoint.DeployCommand;
import dev.trainflow.deploy.endpoint.EndpointManager;
import dev.trainflow.deploy.endpoint.EndpointRequestException;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.DeployActivities;
import dev.trainflow.workflows.activities.DeploymentRequest;
import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.spec.DeploymentConfig;

/**
 * The Deploy stage: {@code register_only} touches no endpoint; {@code deploy_new} and {@code
 * deploy_existing} go through the {@link EndpointManager}. A request that cannot be carried out
 * (another model's endpoint, an unknown endpoint) fails the run non-retryably with the reason; a
 * target that fails to start is retried by the stage's retry policy.
 */
public class DeployActivitiesImpl implements DeployActivities {
  private final EndpointManager endpoints;

  public DeployActivitiesImpl(EndpointManager endpoints) {
    this.endpoints = endpoints;
  }

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
    StoredEndpoint endpoint;
    try {
      endpoint = endpoints.deploy(DeployCommand.of(request.runId(), config));
    } catch (EndpointRequestException e) {
      throw TrainingFailures.invalidConfig("deployment_config: " + e.getMessage());
    } catch (RuntimeException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "deploy failed: " + e.getMessage(), e);
    }
    return new DeploymentResult(
        config.action(),
        "deployed",
        Long.toString(endpoint.id()),
        endpoint.url(),
        "model " + request.mlModelName() + " version " + request.registration().modelVersion() + " serves on endpoint "
            + endpoint.name() + " at " + config.trafficSplitPercent() + " % of its traffic");
  }
}
