package dev.trainflow.workflows.activities;

import java.util.List;

/**
 * The content of {@code transform.json}, the contract between the Transform stage and the trainer:
 * each tower's feature transforms in order, the id columns, and the label column with its
 * training mean (the ranking baseline and the starting point of the prediction).
 */
public record TransformSpec(
    String queryIdColumn,
    String candidateIdColumn,
    List<FeatureTransform> queryFeatures,
    List<FeatureTransform> candidateFeatures,
    String labelColumn,
    Double labelMean) {

  /** The fields of the first release, so older callers keep compiling. */
  public TransformSpec(
      String queryIdColumn,
      String candidateIdColumn,
      List<FeatureTransform> queryFeatures,
      List<FeatureTransform> candidateFeatures) {
    this(queryIdColumn, candidateIdColumn, queryFeatures, candidateFeatures, null, null);
  }
}
