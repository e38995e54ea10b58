package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * The architecture of a model: its type, the dense layers on top of each tower's concatenated
 * feature vectors, the default embedding size, and the optimizer settings that a run may override.
 *
 * <p>A tower is concat(feature vectors) followed by its layers (ReLU between them, none after the
 * last). A tower without layers ends in one linear projection to {@code embedding_dim}, except a
 * tower of a single embedding feature of that size, which is the embedding itself (the TFRS basic
 * retrieval model).
 */
public record ModelConfig(
    String modelType,
    Integer embeddingDim,
    List<Integer> queryTowerLayers,
    List<Integer> candidateTowerLayers,
    String optimizer,
    Double learningRate,
    Boolean l2Normalize) {

  public static final String RETRIEVAL = "retrieval";
  public static final String RANKING = "ranking";
  public static final String MULTITASK = "multitask";
  public static final List<String> MODEL_TYPES = List.of(RETRIEVAL, RANKING, MULTITASK);
  /** The model types this build trains; the others are rejected with a clear reason. */
  public static final List<String> SUPPORTED_MODEL_TYPES = List.of(RETRIEVAL);
  public static final List<String> OPTIMIZERS = List.of("adagrad", "adam", "sgd");
  public static final int DEFAULT_EMBEDDING_DIM = 32;

  public ModelConfig withDefaults() {
    return new ModelConfig(
        modelType != null ? modelType : RETRIEVAL,
        embeddingDim != null ? embeddingDim : DEFAULT_EMBEDDING_DIM,
        queryTowerLayers != null ? queryTowerLayers : List.of(),
        candidateTowerLayers != null ? candidateTowerLayers : List.of(),
        optimizer,
        learningRate,
        l2Normalize != null ? l2Normalize : false);
  }
}
