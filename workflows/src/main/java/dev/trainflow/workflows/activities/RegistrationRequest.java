package dev.trainflow.workflows.activities;

import java.util.Map;

public record RegistrationRequest(
    long runId,
    long mlModelId,
    String mlModelName,
    String modelType,
    String modelUri,
    boolean blessed,
    boolean pushedAnyway,
    Map<String, Double> metrics,
    Map<String, String> labels) {}
