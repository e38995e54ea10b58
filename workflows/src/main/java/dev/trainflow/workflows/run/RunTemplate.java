package dev.trainflow.workflows.run;

import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/**
 * Everything a run is made of except its name, validated and with every default filled: what a
 * run request resolves to, and what a schedule freezes at creation to start each of its runs
 * from. Datasets and configs are immutable once created, so naming them by id freezes them too.
 */
public record RunTemplate(
    String mlModelName,
    String modelType,
    String description,
    long datasetId,
    long featureConfigId,
    long modelConfigId,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig) {}
