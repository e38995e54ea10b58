package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.pipeline.PipelineTask;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A pipeline definition as stored: its tasks with their run templates resolved at creation.
 *
 * @param dependsOn the name of a pipeline whose latest run must have succeeded first, or null
 */
public record StoredPipeline(
    long id, String name, String description, String dependsOn, List<PipelineTask> tasks, OffsetDateTime createdAt) {}
