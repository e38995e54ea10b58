package dev.trainflow.api.runs;

import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * A training run request. {@code ml_model_name} defaults to {@code name}; {@code auto_submit}
 * defaults to true (the run starts at once).
 */
record CreateTrainingRunRequest(
    String name,
    String description,
    String mlModelName,
    Long datasetId,
    Long featureConfigId,
    Long modelConfigId,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig,
    Boolean autoSubmit) {}
