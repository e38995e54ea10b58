package dev.trainflow.workflows.tuning;

import java.util.Map;

/**
 * An intermediate result of a tuning trial, forwarded by the trial's run workflow to its parent
 * tuning workflow (signal {@code trialReport}) as each step ends: for tabular runs a step is a
 * cross-validation fold and the metrics are that fold's.
 */
public record TrialReport(long runId, int step, Map<String, Double> metrics) {}
