package dev.trainflow.workflows.activities;

import java.util.List;

/**
 * The content of {@code transform.json}, the contract between the Transform stage and the trainer:
 * each tower's feature transforms in order, and the id columns.
 */
public record TransformSpec(
    String queryIdColumn,
    String candidateIdColumn,
    List<FeatureTransform> queryFeatures,
    List<FeatureTransform> candidateFeatures) {}
