package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunStatus;
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
    RunStatus status) {}
