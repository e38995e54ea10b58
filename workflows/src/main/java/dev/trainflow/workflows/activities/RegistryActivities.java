package dev.trainflow.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface RegistryActivities {
  /** Registers the run's model; registering the same run again returns the same entry. */
  @ActivityMethod
  RegistrationResult registerModel(RegistrationRequest request);
}
