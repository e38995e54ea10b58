package dev.trainflow.api.pipelines;

import dev.trainflow.workflows.pipeline.Webhook;
import java.util.List;

/**
 * {@code POST /api/pipelines}, JSON or YAML, shaped like the seed's DAG file.
 *
 * @param pipelineId the pipeline's unique name
 * @param dependsOn another pipeline whose latest run must have succeeded before this one runs
 * @param onSuccess a webhook for succeeded runs
 * @param onFailure a webhook for failed and partially succeeded runs
 */
record CreatePipelineRequest(
    String pipelineId,
    String description,
    String dependsOn,
    List<PipelineTaskRequest> tasks,
    Webhook onSuccess,
    Webhook onFailure) {}
