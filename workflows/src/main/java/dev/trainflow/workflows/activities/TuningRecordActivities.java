package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.tuning.TuningProgress;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The tuning workflow's database work, on the orchestration queue; every method idempotent. */
@ActivityInterface
public interface TuningRecordActivities {

  /** The training run of one trial, created on the first call and found on a retry. */
  @ActivityMethod
  TrainingRunInput createTrialRun(TrialRunRequest request);

  /** The trial run's workflow could not be started: the run is failed with {@code message}. */
  @ActivityMethod(name = "TuningMarkRunNotStarted")
  void markRunNotStarted(long runId, String message);

  /** Overwrites the job's row and upserts its trials unless a newer revision is stored. */
  @ActivityMethod
  void projectTuningJob(TuningProgress progress);
}
