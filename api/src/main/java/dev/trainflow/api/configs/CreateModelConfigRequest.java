package dev.trainflow.api.configs;

import dev.trainflow.workflows.spec.ModelConfig;
import java.util.List;
import java.util.Map;

record CreateModelConfigRequest(
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
    Map<String, Double> classWeightValues) {

  ModelConfig config() {
    return new ModelConfig(
        modelType, embeddingDim, queryTowerLayers, candidateTowerLayers, optimizer, learningRate, l2Normalize, rankingLayers,
        retrievalWeight, rankingWeight, candidateBias, embeddingL2, samplingCorrection, trainer, numTrees, maxDepth,
        categoricalEncoding, classWeights, classWeightValues);
  }
}
