package dev.trainflow.activities.drift;

import java.util.List;

/**
 * Drift of a dataset against a reference, feature by feature.
 *
 * @param reference what was compared against, in words ({@code run 17 train split}, ...)
 * @param drifted whether any feature's PSI is above its threshold
 */
public record DriftReport(
    long datasetId,
    String reference,
    Long referenceRunId,
    long referenceRows,
    long currentRows,
    boolean drifted,
    List<String> driftedFeatures,
    List<FeatureDrift> features) {}
