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
 *
 * <ul>
 *   <li>{@code retrieval}: score = query · candidate (+ the candidate's bias), trained with the
 *       in-batch softmax of TFRS's Retrieval task;
 *   <li>{@code ranking}: concat(query, candidate) → {@code ranking_layers} (ReLU) → one output,
 *       the predicted label, trained with the mean squared error (TFRS's Ranking task);
 *   <li>{@code multitask}: both heads on shared towers; the loss is {@code retrieval_weight} ×
 *       retrieval + {@code ranking_weight} × ranking.
 * </ul>
 *
 * @param candidateBias a learned bias per candidate added to the retrieval score ("item bias")
 * @param embeddingL2 L2 penalty on every embedding table, added to the loss: λ Σ w²
 * @param samplingCorrection TFRS's logQ correction of the in-batch softmax (default on)
 */
public record ModelConfig(
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
    Boolean samplingCorrection) {

  public static final String RETRIEVAL = "retrieval";
  public static final String RANKING = "ranking";
  public static final String MULTITASK = "multitask";
  public static final List<String> MODEL_TYPES = List.of(RETRIEVAL, RANKING, MULTITASK);
  /** The model types this build trains. */
  public static final List<String> SUPPORTED_MODEL_TYPES = MODEL_TYPES;
  public static final List<String> OPTIMIZERS = List.of("adagrad", "adam", "sgd");
  public static final int DEFAULT_EMBEDDING_DIM = 32;
  /** TFRS's ranking tutorial: Dense(256, relu), Dense(64, relu), Dense(1). */
  public static final List<Integer> DEFAULT_RANKING_LAYERS = List.of(256, 64);

  /** The fields of the first release, so callers that predate the newer ones keep compiling. */
  public ModelConfig(
      String modelType,
      Integer embeddingDim,
      List<Integer> queryTowerLayers,
      List<Integer> candidateTowerLayers,
      String optimizer,
      Double learningRate,
      Boolean l2Normalize) {
    this(modelType, embeddingDim, queryTowerLayers, candidateTowerLayers, optimizer, learningRate, l2Normalize,
        null, null, null, null, null, null);
  }

  public ModelConfig withDefaults() {
    String type = modelType != null ? modelType : RETRIEVAL;
    boolean ranks = !RETRIEVAL.equals(type);
    return new ModelConfig(
        type,
        embeddingDim != null ? embeddingDim : DEFAULT_EMBEDDING_DIM,
        queryTowerLayers != null ? queryTowerLayers : List.of(),
        candidateTowerLayers != null ? candidateTowerLayers : List.of(),
        optimizer,
        learningRate,
        l2Normalize != null ? l2Normalize : false,
        rankingLayers != null ? rankingLayers : ranks ? DEFAULT_RANKING_LAYERS : null,
        retrievalWeight != null ? retrievalWeight : MULTITASK.equals(type) ? 1.0 : null,
        rankingWeight != null ? rankingWeight : MULTITASK.equals(type) ? 1.0 : null,
        candidateBias != null ? candidateBias : false,
        embeddingL2 != null ? embeddingL2 : 0.0,
        samplingCorrection != null ? samplingCorrection : true);
  }

  /** Whether the model has the retrieval head: retrieval and multitask. */
  public boolean retrieves() {
    return !RANKING.equals(modelType);
  }

  /** Whether the model has the ranking head: ranking and multitask. */
  public boolean ranks() {
    return RANKING.equals(modelType) || MULTITASK.equals(modelType);
  }
}
