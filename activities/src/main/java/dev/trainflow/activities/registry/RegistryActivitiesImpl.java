package dev.trainflow.activities.registry;

import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.RegistryEntry;
import dev.trainflow.workflows.activities.RegistrationRequest;
import dev.trainflow.workflows.activities.RegistrationResult;
import dev.trainflow.workflows.activities.RegistryActivities;

/** Registers models in the local PostgreSQL registry. */
public class RegistryActivitiesImpl implements RegistryActivities {
  private final ModelRegistryRepository registry;

  public RegistryActivitiesImpl(ModelRegistryRepository registry) {
    this.registry = registry;
  }

  @Override
  public RegistrationResult registerModel(RegistrationRequest request) {
    RegistryEntry entry = registry.register(request);
    return new RegistrationResult(entry.id(), entry.version(), entry.artifactUri());
  }
}
