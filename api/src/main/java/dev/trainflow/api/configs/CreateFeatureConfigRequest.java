package dev.trainflow.api.configs;

import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import java.util.List;

record CreateFeatureConfigRequest(
    String name,
    String description,
    String queryIdColumn,
    String candidateIdColumn,
    List<FeatureSpec> queryFeatures,
    List<FeatureSpec> candidateFeatures,
    String timestampColumn,
    String labelColumn,
    List<String> ignoredColumns,
    List<String> categoricalColumns) {

  FeatureConfig config() {
    return new FeatureConfig(
        queryIdColumn, candidateIdColumn, queryFeatures, candidateFeatures, timestampColumn, labelColumn, ignoredColumns,
        categoricalColumns);
  }
}
