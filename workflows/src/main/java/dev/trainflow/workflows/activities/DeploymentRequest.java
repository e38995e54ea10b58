package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.spec.DeploymentConfig;

public record DeploymentRequest(
    long runId, String mlModelName, DeploymentConfig config, RegistrationResult registration) {}
