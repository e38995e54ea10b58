package dev.trainflow.api.endpoints;

/** {@code POST /api/training-runs/{id}/deploy}: the {@code deployment_config} fields of a deploy. */
public record DeployRunRequest(String action, String endpointName, String endpointId, Integer trafficSplitPercent) {}
