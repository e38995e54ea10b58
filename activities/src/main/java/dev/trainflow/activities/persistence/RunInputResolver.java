package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.ResumeState;
import dev.trainflow.workflows.run.TrainingRunInput;

/**
 * The one place that turns a stored run into its workflow's input: the run's own settings plus its
 * dataset and configs by content. The REST API (submit) and the schedule workflow's activity (each
 * fire) both start runs from here.
 */
public class RunInputResolver {
  private final DatasetRepository datasets;
  private final FeatureConfigRepository featureConfigs;
  private final ModelConfigRepository modelConfigs;

  public RunInputResolver(
      DatasetRepository datasets, FeatureConfigRepository featureConfigs, ModelConfigRepository modelConfigs) {
    this.datasets = datasets;
    this.featureConfigs = featureConfigs;
    this.modelConfigs = modelConfigs;
  }

  public TrainingRunInput resolve(StoredRun run) {
    return resolve(run, null);
  }

  /** @param resume what a retry of the run reuses; null for a first start */
  public TrainingRunInput resolve(StoredRun run, ResumeState resume) {
    StoredDataset dataset = datasets.find(run.datasetId()).orElseThrow();
    StoredFeatureConfig features = featureConfigs.find(run.featureConfigId()).orElseThrow();
    StoredModelConfig model = modelConfigs.find(run.modelConfigId()).orElseThrow();
    return new TrainingRunInput(
        run.id(),
        run.name(),
        run.mlModelId(),
        run.mlModelName(),
        run.runNumber(),
        dataset.id(),
        dataset.name(),
        dataset.source(),
        features.id(),
        features.config(),
        model.id(),
        model.config(),
        run.trainingParams(),
        run.gpuConfig(),
        run.evaluatorConfig(),
        run.deploymentConfig(),
        resume,
        System.currentTimeMillis());
  }
}
