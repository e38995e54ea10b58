package dev.trainflow.workflows.activities;

import java.util.Map;

/**
 * One finished cross-validation fold of a tabular training activity, signalled to its run as it
 * happens: the run's progress, and the rungs at which a tuning job's successive halving decides.
 *
 * @param fold 1-based
 * @param folds how many the activity runs
 * @param metrics the fold's held-out metrics ({@code roc_auc}, {@code accuracy}, {@code rmse}, ...)
 */
public record FoldReport(int fold, int folds, Map<String, Double> metrics) {}
