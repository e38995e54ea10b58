package dev.trainflow.workflows.run;

/**
 * What a retried run starts from: the previous execution's stage outputs, its last checkpoint, and
 * the attempts and money it already spent.
 */
public record ResumeState(StageOutputs outputs, String checkpointUri, int priorAttempts, double priorCostUsd) {}
