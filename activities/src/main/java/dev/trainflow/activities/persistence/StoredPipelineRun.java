package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.pipeline.ModelOutcome;
import dev.trainflow.workflows.pipeline.TaskReport;
import java.time.OffsetDateTime;
import java.util.List;

public record StoredPipelineRun(
    long id,
    long pipelineId,
    String status,
    String workflowId,
    List<TaskReport> tasks,
    List<ModelOutcome> models,
    String message,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {}
