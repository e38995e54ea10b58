package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.RunKind;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * A validated run request, ready to insert.
 *
 * @param runKind {@code training} or {@code experiment}
 * @param baseExperimentId the experiment a training run started from, or null
 */
public record NewRun(
    String name,
    String description,
    String mlModelName,
    String modelType,
    long datasetId,
    long featureConfigId,
    long modelConfigId,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig,
    RunStatus status,
    String runKind,
    Long baseExperimentId) {

  /** A training run without a base experiment, for callers that predate run kinds. */
  public NewRun(
      String name,
      String description,
      String mlModelName,
      String modelType,
      long datasetId,
      long featureConfigId,
      long modelConfigId,
      TrainingParams trainingParams,
      GpuConfig gpuConfig,
      EvaluatorConfig evaluatorConfig,
      DeploymentConfig deploymentConfig,
      RunStatus status) {
    this(name, description, mlModelName, modelType, datasetId, featureConfigId, modelConfigId, trainingParams,
        gpuConfig, evaluatorConfig, deploymentConfig, status, RunKind.TRAINING, null);
  }
}
