package dev.trainflow.workflows.activities;

/** A model registry entry: its id, the model's version within its ml model, the artifact. */
public record RegistrationResult(long registryEntryId, int modelVersion, String modelUri) {}
