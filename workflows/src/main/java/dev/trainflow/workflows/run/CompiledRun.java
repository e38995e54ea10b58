package dev.trainflow.workflows.run;

import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.PriceSheet;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * The frozen, validated config of a run with every default filled in. Its JSON is written to the
 * artifact store as the config snapshot; {@code configSha256} is the hash of that JSON.
 *
 * @param artifactPrefix the run's folder in the artifact store, e.g. {@code runs/17}
 * @param priceSheet the prices in force when the run was compiled
 */
public record CompiledRun(
    long runId,
    String runName,
    long mlModelId,
    String mlModelName,
    long datasetId,
    String datasetName,
    DatasetSource datasetSource,
    FeatureConfig featureConfig,
    ModelConfig modelConfig,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig,
    String artifactPrefix,
    String configSnapshotUri,
    String configSha256,
    PriceSheet priceSheet) {

  /** The frozen prices, or the standard sheet for runs compiled before prices were frozen. */
  public PriceSheet prices() {
    return priceSheet != null ? priceSheet : PriceSheet.standard();
  }
}
