package dev.trainflow.worker.artifacts;

import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.worker.model.VariableSpec;
import dev.trainflow.workflows.activities.EpochMetrics;
import java.util.List;

/**
 * The content of a trained model's {@code model.json}: enough to rebuild the model for
 * evaluation, warm starts and the export. Inputs per feature, in each tower's order: {@code
 * embedding} takes the vocabulary index (position + 1, 0 for unknown or missing; a multi-valued
 * one the mean of its tokens' rows), {@code bucketize} the bucket (number of boundaries <= x, 0
 * when missing), {@code normalize} (x − mean) / std (0 when missing), {@code cyclical} sin and cos
 * of each cycle's phase, {@code cross} the hash bucket of its joined cells. The tower concatenates
 * the feature vectors, applies its layers (ReLU between them), or the projection, then the L2
 * normalisation if set; the retrieval score is the dot product of the two towers plus the
 * candidate's bias, the ranking prediction the ranking head on their concatenation. The weights
 * are in {@code weightsFile} ({@link dev.trainflow.worker.model.WeightsFile}).
 *
 * @param completedEpochs epochs trained
 * @param modelEpoch the epoch whose weights these are (the best one when early stopping restored it)
 * @param metrics that epoch's validation metrics
 */
public record ModelDescription(
    String format,
    String modelType,
    TwoTowerArchitecture architecture,
    String queryIdColumn,
    String candidateIdColumn,
    String labelColumn,
    String weightsFile,
    List<VariableSpec> variables,
    int completedEpochs,
    int modelEpoch,
    int batchSize,
    String optimizer,
    double learningRate,
    long seed,
    EpochMetrics metrics) {

  public static final String FORMAT = "trainflow-two-tower/2";
  public static final String FILE_NAME = "model.json";
}
