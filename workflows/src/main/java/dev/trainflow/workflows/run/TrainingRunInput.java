package dev.trainflow.workflows.run;

import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * What a run workflow starts from: the run's identity and every config it names, by id and by
 * content, as the API resolved them when the run was created. Later edits of a dataset or config
 * never change a run that already started; Compile freezes this into a {@link CompiledRun}.
 */
public record TrainingRunInput(
    long runId,
    String runName,
    long mlModelId,
    String mlModelName,
    int runNumber,
    long datasetId,
    String datasetName,
    DatasetSource datasetSource,
    long featureConfigId,
    FeatureConfig featureConfig,
    long modelConfigId,
    ModelConfig modelConfig,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig,
    ResumeState resume,
    Long submittedAtMillis) {

  /** A first start (no resume), submitted now or never measured. */
  public TrainingRunInput(
      long runId,
      String runName,
      long mlModelId,
      String mlModelName,
      int runNumber,
      long datasetId,
      String datasetName,
      DatasetSource datasetSource,
      long featureConfigId,
      FeatureConfig featureConfig,
      long modelConfigId,
      ModelConfig modelConfig,
      TrainingParams trainingParams,
      GpuConfig gpuConfig,
      EvaluatorConfig evaluatorConfig,
      DeploymentConfig deploymentConfig) {
    this(runId, runName, mlModelId, mlModelName, runNumber, datasetId, datasetName, datasetSource, featureConfigId,
        featureConfig, modelConfigId, modelConfig, trainingParams, gpuConfig, evaluatorConfig, deploymentConfig,
        null, null);
  }

  public static String workflowId(long runId) {
    return "training-run-" + runId;
  }
}
