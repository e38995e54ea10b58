package dev.trainflow.workflows.spec;

import java.util.List;

/** The {@code deployment_config} of a run. */
public record DeploymentConfig(
    String action, String endpointName, String endpointId, Integer trafficSplitPercent) {

  public static final String REGISTER_ONLY = "register_only";
  public static final String DEPLOY_NEW = "deploy_new";
  public static final String DEPLOY_EXISTING = "deploy_existing";
  public static final List<String> ACTIONS = List.of(REGISTER_ONLY, DEPLOY_NEW, DEPLOY_EXISTING);
  /** The actions this build carries out; the others are rejected with a clear reason. */
  public static final List<String> SUPPORTED_ACTIONS = ACTIONS;

  public static DeploymentConfig registerOnly() {
    return new DeploymentConfig(REGISTER_ONLY, null, null, null);
  }

  public DeploymentConfig withDefaults() {
    return new DeploymentConfig(
        action != null ? action : REGISTER_ONLY,
        endpointName,
        endpointId,
        trafficSplitPercent != null ? trafficSplitPercent : 100);
  }
}
