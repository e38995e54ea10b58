package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.RunProgress;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Projects the workflow's state into PostgreSQL for the REST API. The workflow is the source of
 * truth; every method here is an idempotent upsert, so a retried call never writes a second row.
 */
@ActivityInterface
public interface RunRecordActivities {
  @ActivityMethod
  void projectRun(RunProgress progress);

  /** Upserts each epoch's row of {@code training_metrics_history}, then projects the run. */
  @ActivityMethod
  void recordEpochs(RunProgress progress, List<EpochMetrics> epochs);

  /**
   * The dataset version with this checksum, created if the dataset has none yet.
   *
   * @return the version number (1, 2, ...)
   */
  @ActivityMethod
  int recordDatasetVersion(long datasetId, String checksum, long rows);
}
