package dev.trainflow.api.configs;

import dev.trainflow.activities.persistence.StoredModelConfig;
import java.time.OffsetDateTime;
import java.util.List;

record ModelConfigResponse(
    long id,
    String name,
    String description,
    String modelType,
    Integer embeddingDim,
    List<Integer> queryTowerLayers,
    List<Integer> candidateTowerLayers,
    String optimizer,
    Double learningRate,
    Boolean l2Normalize,
    OffsetDateTime createdAt) {

  static ModelConfigResponse of(StoredModelConfig s) {
    var c = s.config();
    return new ModelConfigResponse(
        s.id(), s.name(), s.description(), c.modelType(), c.embeddingDim(), c.queryTowerLayers(),
        c.candidateTowerLayers(), c.optimizer(), c.learningRate(), c.l2Normalize(), s.createdAt());
  }
}
