package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.pipeline.PipelineTask;
import java.time.OffsetDateTime;
import java.util.List;

/** A pipeline definition as stored: its tasks with their run templates resolved at creation. */
public record StoredPipeline(long id, String name, String description, List<PipelineTask> tasks, OffsetDateTime createdAt) {}
