package dev.trainflow.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface DeployActivities {
  /** Carries out the run's {@code deployment_config}; idempotent per run. */
  @ActivityMethod
  DeploymentResult deployModel(DeploymentRequest request);
}
