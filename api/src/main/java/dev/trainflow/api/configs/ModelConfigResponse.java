package dev.trainflow.api.configs;

import dev.trainflow.activities.persistence.StoredModelConfig;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A model config as stored: the request's fields; defaults are filled when a run compiles. */
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
    List<Integer> rankingLayers,
    Double retrievalWeight,
    Double rankingWeight,
    Boolean candidateBias,
    Double embeddingL2,
    Boolean samplingCorrection,
    String trainer,
    Integer numTrees,
    Integer maxDepth,
    String categoricalEncoding,
    String classWeights,
    Map<String, Double> classWeightValues,
    OffsetDateTime createdAt) {

  static ModelConfigResponse of(StoredModelConfig s) {
    var c = s.config();
    return new ModelConfigResponse(
        s.id(), s.name(), s.description(), c.modelType(), c.embeddingDim(), c.queryTowerLayers(),
        c.candidateTowerLayers(), c.optimizer(), c.learningRate(), c.l2Normalize(), c.rankingLayers(), c.retrievalWeight(),
        c.rankingWeight(), c.candidateBias(), c.embeddingL2(), c.samplingCorrection(), c.trainer(), c.numTrees(),
        c.maxDepth(), c.categoricalEncoding(), c.classWeights(), c.classWeightValues(), s.createdAt());
  }
}
