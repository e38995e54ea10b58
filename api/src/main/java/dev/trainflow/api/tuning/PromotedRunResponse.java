package dev.trainflow.api.tuning;

import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.Map;

/**
 * The training run a promotion created ({@code id}, as {@code GET /api/training-runs/{id}} shows
 * it), with the tuning job and trial it came from.
 */
record PromotedRunResponse(
    long id,
    String name,
    String status,
    String workflowId,
    String mlModelName,
    TrainingParams trainingParams,
    long tuningJobId,
    int trialNumber,
    Map<String, Object> params,
    Double objectiveValue) {

  static PromotedRunResponse of(StoredRun run, long jobId, TrialView trial) {
    return new PromotedRunResponse(
        run.id(), run.name(), run.status(), run.workflowId(), run.mlModelName(), run.trainingParams(), jobId,
        trial.trialNumber(), trial.params(), trial.objectiveValue());
  }
}
