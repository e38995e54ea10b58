package dev.trainflow.worker.artifacts;

import dev.trainflow.worker.model.RetrievalArchitecture;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.worker.model.VariableSpec;
import dev.trainflow.workflows.activities.EpochMetrics;
import java.util.List;

/**
 * The content of a trained model's {@code model.json}: enough to rebuild the towers for
 * evaluation and serving. Inputs per feature, in each tower's order: {@code embedding} takes the
 * vocabulary index (position + 1, 0 for unknown or missing), {@code bucketize} the bucket (number
 * of boundaries <= x, 0 when missing), {@code normalize} (x − mean) / std (0 when missing). The
 * tower concatenates the feature vectors, applies its layers (ReLU between them), or the
 * projection, then the L2 normalisation if set; the score is the dot product of the two towers.
 * The weights are in {@code weightsFile} ({@link dev.trainflow.worker.model.WeightsFile}).
 */
public record ModelDescription(
    String format,
    String modelType,
    int embeddingDim,
    boolean l2Normalize,
    String queryIdColumn,
    String candidateIdColumn,
    TowerSpec queryTower,
    TowerSpec candidateTower,
    String weightsFile,
    List<VariableSpec> variables,
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    long seed,
    EpochMetrics metrics) {

  public static final String FORMAT = "trainflow-two-tower/1";
  public static final String FILE_NAME = "model.json";

  public RetrievalArchitecture architecture() {
    return new RetrievalArchitecture(queryTower, candidateTower, l2Normalize);
  }
}
