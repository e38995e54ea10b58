package dev.trainflow.activities.vertex;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingStart;

/**
 * Where the Vertex AI backend relays what the job's trainer reports, as the local trainer would:
 * the run workflow's {@code reportTrainingStarted} and {@code reportEpoch} signals.
 */
public interface TrainingReports {
  void started(String workflowId, TrainingStart start);

  void epoch(String workflowId, EpochMetrics metrics);

  /** For callers that need no reports. */
  TrainingReports NONE =
      new TrainingReports() {
        @Override
        public void started(String workflowId, TrainingStart start) {}

        @Override
        public void epoch(String workflowId, EpochMetrics metrics) {}
      };
}
