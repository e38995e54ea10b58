package dev.trainflow.api.runs;

import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * A training run request. {@code ml_model_name} defaults to {@code name}; {@code auto_submit}
 * defaults to true (the run starts at once); {@code run_kind} defaults to {@code training}. With
 * {@code base_experiment_id} the dataset and configs come from that experiment.
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
    Boolean autoSubmit,
    String runKind,
    Long baseExperimentId) {}
