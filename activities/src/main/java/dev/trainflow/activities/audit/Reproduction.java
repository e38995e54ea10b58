package dev.trainflow.activities.audit;

/**
 * A run created to reproduce another: when it ends, its model metrics are compared with the
 * original's within {@code tolerance} (absolute, per metric).
 */
public record Reproduction(long runId, long originalRunId, double tolerance) {}
