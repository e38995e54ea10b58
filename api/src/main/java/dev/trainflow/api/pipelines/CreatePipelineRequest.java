package dev.trainflow.api.pipelines;

import java.util.List;

/**
 * {@code POST /api/pipelines}, JSON or YAML, shaped like the seed's DAG file.
 *
 * @param pipelineId the pipeline's unique name
 * @param dependsOn another pipeline whose latest run must have succeeded before this one runs
 */
record CreatePipelineRequest(String pipelineId, String description, String dependsOn, List<PipelineTaskRequest> tasks) {}
