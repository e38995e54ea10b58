package dev.trainflow.api.pipelines;

import dev.trainflow.activities.persistence.StoredPipelineRun;
import dev.trainflow.workflows.pipeline.ModelOutcome;
import dev.trainflow.workflows.pipeline.TaskReport;
import java.time.OffsetDateTime;
import java.util.List;

/** A pipeline run with its per-task report and what became of each model. */
record PipelineRunResponse(
    long id,
    long pipelineId,
    String status,
    String workflowId,
    String message,
    List<TaskReport> tasks,
    List<ModelOutcome> models,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {

  static PipelineRunResponse of(StoredPipelineRun r) {
    return new PipelineRunResponse(
        r.id(), r.pipelineId(), r.status(), r.workflowId(), r.message(), r.tasks(), r.models(), r.createdAt(), r.startedAt(),
        r.finishedAt());
  }
}
