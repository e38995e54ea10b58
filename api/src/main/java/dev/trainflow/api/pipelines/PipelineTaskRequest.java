package dev.trainflow.api.pipelines;

import dev.trainflow.api.runs.RunTemplateRequest;
import java.util.List;

/**
 * One task of a pipeline request.
 *
 * @param timeout seconds one attempt may take
 * @param retries further attempts after a retryable failure
 * @param datasetId the dataset a {@code validate_data} task checks
 * @param runTemplate what a {@code train} task trains, as a run request names it
 * @param drift what a {@code check_drift} task compares: features, thresholds, bins and an optional
 *     reference dataset (by default the newest registered model's training split)
 * @param url where a {@code notify} task posts the run's per-task report so far (http or https)
 */
record PipelineTaskRequest(
    String taskId,
    String kind,
    List<String> dependencies,
    Integer timeout,
    Integer retries,
    Long datasetId,
    RunTemplateRequest runTemplate,
    DriftGateRequest drift,
    String url) {}
