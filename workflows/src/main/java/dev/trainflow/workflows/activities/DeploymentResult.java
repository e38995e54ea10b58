package dev.trainflow.workflows.activities;

/** What the Deploy stage did: the action, its status, and the endpoint when one was deployed. */
public record DeploymentResult(
    String action, String status, String endpointId, String endpointUrl, String message) {}
