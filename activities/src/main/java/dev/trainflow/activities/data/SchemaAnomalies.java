package dev.trainflow.activities.data;

import java.util.List;

/**
 * What the Schema stage found: {@code breaking} anomalies stop the run before training, {@code
 * warnings} are recorded and the run goes on.
 */
public record SchemaAnomalies(List<String> breaking, List<String> warnings) {}
