package dev.trainflow.workflows.tuning;

import java.util.Map;

/**
 * An intermediate result of a trial's run, signalled by the run workflow to its tuning parent
 * ({@code trialReport}): for tabular runs the step is the cross-validation fold (1..k) and the
 * metrics are that fold's. Successive halving compares trials on these at its rungs.
 */
public record TrialReport(long runId, int step, Map<String, Double> metrics) {}
