package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.pipeline.PipelineTask;
import dev.trainflow.workflows.pipeline.Webhook;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A pipeline definition as stored: its tasks with their run templates resolved at creation.
 *
 * @param dependsOn the name of a pipeline whose latest run must have succeeded first, or null
 * @param onSuccess the webhook a succeeded run is posted to, or null
 * @param onFailure the webhook a failed or partially succeeded run is posted to, or null
 */
public record StoredPipeline(
    long id,
    String name,
    String description,
    String dependsOn,
    List<PipelineTask> tasks,
    Webhook onSuccess,
    Webhook onFailure,
    OffsetDateTime createdAt) {}
