package dev.trainflow.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * @param trainUri CSV with a header (the Examples stage's train split)
 * @param testUri CSV with the same header (its test split)
 * @param modelType {@code classification} or {@code regression}
 * @param trainer {@code xgboost}, {@code random_forest} or {@code lightgbm}
 * @param categoricalColumns null infers them (non-numeric columns)
 * @param categoricalEncoding {@code one_hot} (default) or {@code ordinal}
 * @param classWeights {@code balanced}, or label value → weight in {@code classWeightValues}; null
 *     for none
 * @param cvFolds 0 for no cross-validation, else 2 or more
 * @param thresholds gate name ({@code min_auc_roc}, ...) → minimum
 * @param artifactPrefix where the model and importance go, e.g. {@code runs/7}
 * @param minChildWeight XGBoost's min_child_weight (1 by default)
 * @param subsample XGBoost's row sample per round (1 by default)
 */
public record TabularTrainingRequest(
    long runId,
    String trainUri,
    String testUri,
    String label,
    String modelType,
    String trainer,
    List<String> ignoredColumns,
    List<String> categoricalColumns,
    String categoricalEncoding,
    String classWeights,
    Map<String, Double> classWeightValues,
    int trees,
    int maxDepth,
    double learningRate,
    long seed,
    int cvFolds,
    Map<String, Double> thresholds,
    String artifactPrefix,
    double minChildWeight,
    double subsample) {

  /** Without the XGBoost sampling knobs (their defaults). */
  public TabularTrainingRequest(
      long runId,
      String trainUri,
      String testUri,
      String label,
      String modelType,
      String trainer,
      List<String> ignoredColumns,
      List<String> categoricalColumns,
      String categoricalEncoding,
      String classWeights,
      Map<String, Double> classWeightValues,
      int trees,
      int maxDepth,
      double learningRate,
      long seed,
      int cvFolds,
      Map<String, Double> thresholds,
      String artifactPrefix) {
    this(runId, trainUri, testUri, label, modelType, trainer, ignoredColumns, categoricalColumns, categoricalEncoding,
        classWeights, classWeightValues, trees, maxDepth, learningRate, seed, cvFolds, thresholds, artifactPrefix,
        1.0, 1.0);
  }
}
