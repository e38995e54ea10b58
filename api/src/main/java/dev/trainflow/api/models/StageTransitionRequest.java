package dev.trainflow.api.models;

/**
 * {@code POST /api/models/{name}/versions/{v}/transition}.
 *
 * @param stage none, staging, production or archived
 * @param reason why, kept in the audit record; optional
 */
public record StageTransitionRequest(String stage, String reason) {}
