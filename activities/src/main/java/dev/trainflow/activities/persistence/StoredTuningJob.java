package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.tuning.TuningJobInput;
import dev.trainflow.workflows.tuning.TuningSpec;
import java.time.OffsetDateTime;

/** A tuning job as stored: its search, its status and the best trial so far. */
public record StoredTuningJob(
    long id,
    String name,
    String description,
    String status,
    String workflowId,
    RunTemplate baseTemplate,
    TuningSpec spec,
    Integer bestTrial,
    Double bestValue,
    Long promotedRunId,
    String error,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {

  public TuningJobInput input() {
    return new TuningJobInput(id, name, baseTemplate, spec);
  }
}
