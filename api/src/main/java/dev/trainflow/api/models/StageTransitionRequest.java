package dev.trainflow.api.models;

import dev.trainflow.api.endpoints.DeployRunRequest;

/**
 * {@code POST /api/models/{name}/versions/{v}/transition}.
 *
 * @param stage none, staging, production or archived
 * @param reason why, kept in the audit record; optional
 * @param deploy production only: deploy the version once it is in production (the fields of
 *     {@code POST /api/training-runs/{id}/deploy}); null deploys nothing
 */
public record StageTransitionRequest(String stage, String reason, DeployRunRequest deploy) {}
