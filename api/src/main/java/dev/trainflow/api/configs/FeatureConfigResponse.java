package dev.trainflow.api.configs;

import dev.trainflow.activities.persistence.StoredFeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import java.time.OffsetDateTime;
import java.util.List;

record FeatureConfigResponse(
    long id,
    String name,
    String description,
    String queryIdColumn,
    String candidateIdColumn,
    List<FeatureSpec> queryFeatures,
    List<FeatureSpec> candidateFeatures,
    String timestampColumn,
    String labelColumn,
    List<String> ignoredColumns,
    List<String> categoricalColumns,
    OffsetDateTime createdAt) {

  static FeatureConfigResponse of(StoredFeatureConfig s) {
    var c = s.config();
    return new FeatureConfigResponse(
        s.id(), s.name(), s.description(), c.queryIdColumn(), c.candidateIdColumn(), c.queryFeatures(),
        c.candidateFeatures(), c.timestampColumn(), c.labelColumn(), c.ignoredColumns(), c.categoricalColumns(),
        s.createdAt());
  }
}
