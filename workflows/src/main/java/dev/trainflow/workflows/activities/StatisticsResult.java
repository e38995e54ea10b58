package dev.trainflow.workflows.activities;

import java.util.List;

/** The Statistics stage's output: the full report's URI and the per-column summary. */
public record StatisticsResult(String uri, List<FeatureStatistics> columns) {}
