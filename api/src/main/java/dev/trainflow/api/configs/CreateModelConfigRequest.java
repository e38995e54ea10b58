package dev.trainflow.api.configs;

import dev.trainflow.workflows.spec.ModelConfig;
import java.util.List;

record CreateModelConfigRequest(
    String name,
    String description,
    String modelType,
    Integer embeddingDim,
    List<Integer> queryTowerLayers,
    List<Integer> candidateTowerLayers,
    String optimizer,
    Double learningRate,
    Boolean l2Normalize) {

  ModelConfig config() {
    return new ModelConfig(modelType, embeddingDim, queryTowerLayers, candidateTowerLayers, optimizer, learningRate, l2Normalize);
  }
}
