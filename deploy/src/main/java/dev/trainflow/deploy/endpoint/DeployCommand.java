package dev.trainflow.deploy.endpoint;

import dev.trainflow.workflows.spec.DeploymentConfig;

/**
 * Deploy run {@code runId}'s registered model: to a new endpoint ({@code deploy_new}, named
 * {@code endpointName} or after the model) or to an existing one ({@code deploy_existing}, by id or
 * name) at {@code trafficPercent}.
 */
public record DeployCommand(long runId, String action, String endpointName, String endpointRef, int trafficPercent) {

  public static DeployCommand of(long runId, DeploymentConfig config) {
    DeploymentConfig c = config.withDefaults();
    return new DeployCommand(runId, c.action(), c.endpointName(), c.endpointId(), c.trafficSplitPercent());
  }
}
