package dev.trainflow.api.runs;

import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * What to train, as a request names it: the fields a run request and a schedule's {@code
 * run_template} share. {@link RunTemplates} validates and resolves it.
 */
public record RunTemplateRequest(
    String mlModelName,
    String description,
    Long datasetId,
    Long featureConfigId,
    Long modelConfigId,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig) {

  public RunTemplateRequest withTrainingParams(TrainingParams params) {
    return new RunTemplateRequest(
        mlModelName, description, datasetId, featureConfigId, modelConfigId, params, gpuConfig, evaluatorConfig,
        deploymentConfig);
  }
}
