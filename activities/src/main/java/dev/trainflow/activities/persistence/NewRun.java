package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/** A validated run request, ready to insert. */
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
    RunStatus status) {

  /** A run named {@code name} made of a resolved template (every default already filled). */
  public static NewRun of(String name, RunTemplate template, RunStatus status) {
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
        status);
  }
}
