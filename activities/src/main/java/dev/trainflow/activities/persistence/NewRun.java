package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
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

  /** A training run named {@code name} made of a resolved template (every default already filled). */
  public static NewRun of(String name, RunTemplate template, RunStatus status) {
    return of(name, template, status, RunKind.TRAINING, null);
  }

  public static NewRun of(String name, RunTemplate template, RunStatus status, String runKind, Long baseExperimentId) {
    return new NewRun(
        name,
        template.description(),
        template.mlModelName(),
        template.modelType(),
        template.datasetId(),
        template.featureConfigId(),
        template.modelConfigId(),
        template.trainingParams(),
        template.gpuConfig(),
        template.evaluatorConfig(),
        template.deploymentConfig(),
        status,
        runKind,
        baseExperimentId);
  }
}
