package dev.trainflow.worker.model;

import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/** Both towers of a two-tower retrieval model and whether their outputs are L2-normalised. */
public record RetrievalArchitecture(TowerSpec query, TowerSpec candidate, boolean l2Normalize) {

  public RetrievalArchitecture {
    if (query.outputDim() != candidate.outputDim()) {
      throw new IllegalArgumentException(
          "the query tower ends in "
              + query.outputDim()
              + " dimensions and the candidate tower in "
              + candidate.outputDim()
              + ": their dot product needs the same size");
    }
  }

  /** The towers for {@code transform}'s features and {@code model}'s layers (model defaulted here). */
  public static RetrievalArchitecture of(TransformSpec transform, ModelConfig model) {
    ModelConfig config = model.withDefaults();
    return new RetrievalArchitecture(
        TowerSpec.of("query", transform.queryFeatures(), config.queryTowerLayers(), config.embeddingDim()),
        TowerSpec.of("candidate", transform.candidateFeatures(), config.candidateTowerLayers(), config.embeddingDim()),
        Boolean.TRUE.equals(config.l2Normalize()));
  }

  public int embeddingDim() {
    return query.outputDim();
  }

  /** Every model variable, query tower first. */
  public List<VariableSpec> variables() {
    List<VariableSpec> variables = new ArrayList<>(query.variables());
    variables.addAll(candidate.variables());
    return variables;
  }
}
