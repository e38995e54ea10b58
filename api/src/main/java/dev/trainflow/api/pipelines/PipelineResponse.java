package dev.trainflow.api.pipelines;

import dev.trainflow.activities.persistence.StoredPipeline;
import dev.trainflow.workflows.pipeline.PipelineTask;
import dev.trainflow.workflows.pipeline.Webhook;
import java.time.OffsetDateTime;
import java.util.List;

record PipelineResponse(
    long id,
    String pipelineId,
    String description,
    String dependsOn,
    List<PipelineTask> tasks,
    Webhook onSuccess,
    Webhook onFailure,
    OffsetDateTime createdAt) {
  static PipelineResponse of(StoredPipeline p) {
    return new PipelineResponse(
        p.id(), p.name(), p.description(), p.dependsOn(), p.tasks(), p.onSuccess(), p.onFailure(), p.createdAt());
  }
}
