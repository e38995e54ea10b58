package dev.trainflow.api.runs;

import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * A training run request. {@code ml_model_name} defaults to {@code name}; {@code auto_submit}
 * defaults to true (the run starts at once); {@code scheduled_at}, an ISO-8601 instant in the
 * future, makes the run {@code scheduled}: a once schedule starts it then. {@code run_kind}
 * defaults to {@code training}. With {@code base_experiment_id} the dataset and configs come from
 * that experiment.
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
    String scheduledAt,
    String runKind,
    Long baseExperimentId) {

  /** The fields that say what to train, as a schedule's run template has them too. */
  RunTemplateRequest template() {
    return new RunTemplateRequest(
        mlModelName, description, datasetId, featureConfigId, modelConfigId, trainingParams, gpuConfig,
        evaluatorConfig, deploymentConfig);
  }
}
