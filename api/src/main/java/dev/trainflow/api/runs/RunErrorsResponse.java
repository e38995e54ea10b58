package dev.trainflow.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.persistence.StageDetailView;
import dev.trainflow.activities.persistence.StoredRun;
import java.util.List;

/** Why a run failed: the message, the stage, the failure reason, and the failed stages. */
record RunErrorsResponse(
    long runId,
    String status,
    String errorMessage,
    String errorStage,
    JsonNode errorDetails,
    List<StageDetailView> failedStages) {

  static RunErrorsResponse of(StoredRun run) {
    List<StageDetailView> failed =
        run.stageDetails() == null
            ? List.of()
            : run.stageDetails().stream().filter(s -> s.status().equals("failed")).toList();
    return new RunErrorsResponse(run.id(), run.status(), run.errorMessage(), run.errorStage(), run.errorDetails(), failed);
  }
}
