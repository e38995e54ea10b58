package dev.trainflow.api.tuning;

import dev.trainflow.api.runs.RunTemplateRequest;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * A tuning job's {@code base_run}: what {@code POST /api/training-runs} takes to say what to train
 * ({@code ml_model_name} defaults to {@code name}, which defaults to the job's name). The fields
 * about when a run starts ({@code auto_submit}, {@code scheduled_at}) do not apply to trials.
 */
record BaseRunRequest(
    String name,
    String description,
    String mlModelName,
    Long datasetId,
    Long featureConfigId,
    Long modelConfigId,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig) {

  RunTemplateRequest template() {
    return new RunTemplateRequest(
        mlModelName, description, datasetId, featureConfigId, modelConfigId, trainingParams, gpuConfig, evaluatorConfig,
        deploymentConfig);
  }
}
