package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.FeatureStatistics;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code statistics/statistics.json}.
 *
 * @param splitRows rows per split: train, validation, test, candidates
 * @param columns statistics of every column over the train split
 */
public record StatisticsReport(
    String datasetChecksum, long datasetRows, long sampledRows, Map<String, Long> splitRows, List<FeatureStatistics> columns) {}
