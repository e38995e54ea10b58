package dev.trainflow.worker.model;

import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that shapes a model's graph: both towers, whether their outputs are L2-normalised,
 * the model type and its heads. Stored in model.json, so evaluation, warm starts and the export
 * rebuild exactly the trained model.
 *
 * @param modelType retrieval, ranking or multitask
 * @param rankingLayers hidden layers of the ranking head on concat(query, candidate); it ends in
 *     one linear output
 * @param retrievalWeight weight of the retrieval loss (1 unless multitask sets it)
 * @param rankingWeight weight of the ranking loss (1 unless multitask sets it)
 * @param candidateBias a learned bias per catalog candidate added to the retrieval score
 * @param catalogSize rows of the candidate bias: one per catalog candidate, in catalog order
 * @param embeddingL2 λ of the L2 penalty on every embedding table
 * @param samplingCorrection subtract log p(candidate) from each in-batch logit (TFRS's logQ)
 * @param labelMean the training mean label: the ranking output's initial bias
 */
public record TwoTowerArchitecture(
    TowerSpec query,
    TowerSpec candidate,
    boolean l2Normalize,
    String modelType,
    List<Integer> rankingLayers,
    double retrievalWeight,
    double rankingWeight,
    boolean candidateBias,
    int catalogSize,
    double embeddingL2,
    boolean samplingCorrection,
    double labelMean) {

  public static final String CANDIDATE_BIAS = "candidate/bias";
  public static final String RANKING_OUTPUT = "ranking/output";

  public TwoTowerArchitecture {
    if (query.outputDim() != candidate.outputDim()) {
      throw new IllegalArgumentException(
          "the query tower ends in "
              + query.outputDim()
              + " dimensions and the candidate tower in "
              + candidate.outputDim()
              + ": their dot product needs the same size");
    }
    if (!ModelConfig.MODEL_TYPES.contains(modelType)) {
      throw new IllegalArgumentException("unknown model type '" + modelType + "'");
    }
    rankingLayers = rankingLayers == null ? List.of() : List.copyOf(rankingLayers);
  }

  /** The architecture for {@code transform}'s features and {@code model}'s settings (defaults applied here). */
  public static TwoTowerArchitecture of(TransformSpec transform, ModelConfig model, int catalogSize) {
    ModelConfig config = model.withDefaults();
    boolean multitask = ModelConfig.MULTITASK.equals(config.modelType());
    return new TwoTowerArchitecture(
        TowerSpec.of("query", transform.queryFeatures(), config.queryTowerLayers(), config.embeddingDim()),
        TowerSpec.of("candidate", transform.candidateFeatures(), config.candidateTowerLayers(), config.embeddingDim()),
        Boolean.TRUE.equals(config.l2Normalize()),
        config.modelType(),
        config.ranks() ? config.rankingLayers() : List.of(),
        multitask ? config.retrievalWeight() : config.retrieves() ? 1.0 : 0.0,
        multitask ? config.rankingWeight() : config.ranks() ? 1.0 : 0.0,
        config.retrieves() && Boolean.TRUE.equals(config.candidateBias()),
        catalogSize,
        config.embeddingL2() != null ? config.embeddingL2() : 0.0,
        !Boolean.FALSE.equals(config.samplingCorrection()),
        transform.labelMean() != null ? transform.labelMean() : 0.0);
  }

  /** The architecture for {@code transform} and {@code model} without a catalog (no candidate bias). */
  public static TwoTowerArchitecture of(TransformSpec transform, ModelConfig model) {
    return of(transform, model, 0);
  }

  public int embeddingDim() {
    return query.outputDim();
  }

  /** Whether the model has the retrieval head (retrieval, multitask). */
  public boolean retrieves() {
    return !ModelConfig.RANKING.equals(modelType);
  }

  /** Whether the model has the ranking head (ranking, multitask). */
  public boolean ranks() {
    return !ModelConfig.RETRIEVAL.equals(modelType);
  }

  /** Every model variable: query tower, candidate tower, candidate bias, ranking head. */
  public List<VariableSpec> variables() {
    List<VariableSpec> variables = new ArrayList<>(query.variables());
    variables.addAll(candidate.variables());
    if (candidateBias) {
      variables.add(VariableSpec.constant(CANDIDATE_BIAS, List.of(catalogSize), 0f));
    }
    if (ranks()) {
      int width = 2 * embeddingDim();
      for (int i = 0; i < rankingLayers.size(); i++) {
        variables.add(VariableSpec.of("ranking/dense_" + i + "/kernel", List.of(width, rankingLayers.get(i)), WeightInitializer.GLOROT_UNIFORM));
        variables.add(VariableSpec.constant("ranking/dense_" + i + "/bias", List.of(rankingLayers.get(i)), 0f));
        width = rankingLayers.get(i);
      }
      variables.add(VariableSpec.of(RANKING_OUTPUT + "/kernel", List.of(width, 1), WeightInitializer.GLOROT_UNIFORM));
      // starting at the mean label skips the first epochs' climb from 0 to the rating scale
      variables.add(VariableSpec.constant(RANKING_OUTPUT + "/bias", List.of(1), (float) labelMean));
    }
    return variables;
  }

  /** The embedding tables: what the L2 penalty covers and what a warm start remaps by vocabulary. */
  public List<VariableSpec> embeddingTables() {
    return variables().stream().filter(v -> v.name().contains("/embedding/")).toList();
  }
}
