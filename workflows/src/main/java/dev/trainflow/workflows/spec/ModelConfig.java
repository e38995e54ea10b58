package dev.trainflow.workflows.spec;

import java.util.List;
import java.util.Map;

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
 * @param trainer tabular models: {@code xgboost} (default), {@code random_forest} or {@code lightgbm}
 * @param numTrees tabular models: boosting rounds or trees in the forest (default 200)
 * @param maxDepth tabular models: deepest split (default 4; 0 lets a forest grow unbounded)
 * @param categoricalEncoding tabular models: {@code one_hot} (default) or {@code ordinal}
 * @param classWeights classification: {@code none} (default) or {@code balanced}
 * @param classWeightValues classification: label value → weight, instead of {@code classWeights}
 *
 * <p>Tabular model types: {@code classification} (binary or multiclass, from the label's distinct
 * values) and {@code regression}, trained on the {@code cpu} task queue with gradient-boosted or
 * random-forest trees over a table with a declared label (see {@link FeatureConfig}).
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
    Boolean samplingCorrection,
    String trainer,
    Integer numTrees,
    Integer maxDepth,
    String categoricalEncoding,
    String classWeights,
    Map<String, Double> classWeightValues) {

  public static final String RETRIEVAL = "retrieval";
  public static final String RANKING = "ranking";
  public static final String MULTITASK = "multitask";
  public static final String CLASSIFICATION = "classification";
  public static final String REGRESSION = "regression";
  public static final List<String> MODEL_TYPES = List.of(RETRIEVAL, RANKING, MULTITASK, CLASSIFICATION, REGRESSION);
  public static final List<String> TABULAR_TYPES = List.of(CLASSIFICATION, REGRESSION);
  /** The model types this build trains. */
  public static final List<String> SUPPORTED_MODEL_TYPES = MODEL_TYPES;
  public static final String XGBOOST = "xgboost";
  public static final String RANDOM_FOREST = "random_forest";
  public static final String LIGHTGBM = "lightgbm";
  public static final List<String> TRAINERS = List.of(XGBOOST, RANDOM_FOREST, LIGHTGBM);
  public static final List<String> CATEGORICAL_ENCODINGS = List.of("one_hot", "ordinal");
  public static final List<String> CLASS_WEIGHTS = List.of("none", "balanced");
  public static final int DEFAULT_NUM_TREES = 200;
  public static final int DEFAULT_MAX_DEPTH = 4;
  public static final List<String> OPTIMIZERS = List.of("adagrad", "adam", "sgd");
  public static final int DEFAULT_EMBEDDING_DIM = 32;
  /** TFRS's ranking tutorial: Dense(256, relu), Dense(64, relu), Dense(1). */
  public static final List<Integer> DEFAULT_RANKING_LAYERS = List.of(256, 64);

  /** The fields before the tabular ones, so callers that predate them keep compiling. */
  public ModelConfig(
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
    this(modelType, embeddingDim, queryTowerLayers, candidateTowerLayers, optimizer, learningRate, l2Normalize,
        rankingLayers, retrievalWeight, rankingWeight, candidateBias, embeddingL2, samplingCorrection,
        null, null, null, null, null, null);
  }

  /** A tabular model config: the tree fields, nothing of the towers. */
  public static ModelConfig tabular(String modelType, String trainer, Integer numTrees, Integer maxDepth) {
    return new ModelConfig(modelType, null, null, null, null, null, null, null, null, null, null, null, null,
        trainer, numTrees, maxDepth, null, null, null);
  }

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
    if (TABULAR_TYPES.contains(type)) {
      return new ModelConfig(
          type, null, null, null, null, learningRate, null, null, null, null, null, null, null,
          trainer != null ? trainer : XGBOOST,
          numTrees != null ? numTrees : DEFAULT_NUM_TREES,
          maxDepth != null ? maxDepth : DEFAULT_MAX_DEPTH,
          categoricalEncoding != null ? categoricalEncoding : "one_hot",
          classWeightValues != null ? null : classWeights != null ? classWeights : "none",
          classWeightValues);
    }
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

  /** Whether this is a tree model over a table (classification, regression), not a TensorFlow one. */
  public boolean tabular() {
    return modelType != null && TABULAR_TYPES.contains(modelType);
  }

  /** Whether the model has the retrieval head: retrieval and multitask. */
  public boolean retrieves() {
    return !RANKING.equals(modelType) && !tabular();
  }

  /** Whether the model has the ranking head: ranking and multitask. */
  public boolean ranks() {
    return RANKING.equals(modelType) || MULTITASK.equals(modelType);
  }
}
