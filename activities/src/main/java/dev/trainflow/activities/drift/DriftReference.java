package dev.trainflow.activities.drift;

/**
 * What a dataset is compared with; at most one part set, none for the default: the training split
 * of the currently registered model trained on the dataset.
 *
 * @param runId the training split of this run
 * @param datasetVersion the training split of the newest run that read this version of the dataset
 * @param datasetId another dataset, as it reads now
 */
public record DriftReference(Long runId, Integer datasetVersion, Long datasetId) {
  public static DriftReference registeredModel() {
    return new DriftReference(null, null, null);
  }
}
