package dev.trainflow.api.tuning;

import dev.trainflow.activities.persistence.StoredTrial;
import java.time.OffsetDateTime;
import java.util.Map;

/** One trial as the API shows it. */
record TrialView(
    int trialNumber,
    Long trainingRunId,
    Map<String, Object> params,
    String status,
    Double objectiveValue,
    Map<String, Double> metrics,
    Integer lastStep,
    String error,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {

  static TrialView of(StoredTrial t) {
    return new TrialView(
        t.trialNumber(), t.runId(), t.params(), t.status(), t.objectiveValue(), t.metrics(), t.lastStep(), t.error(),
        t.startedAt(), t.finishedAt());
  }
}
