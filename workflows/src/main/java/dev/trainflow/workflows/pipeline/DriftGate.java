package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.spec.DriftSpec;

/**
 * A {@code check_drift} task's settings: the comparison, and its reference (another dataset, or
 * by default the training split of the newest registered model trained on the task's dataset).
 */
public record DriftGate(DriftSpec spec, Long referenceDatasetId) {}
