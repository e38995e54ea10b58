package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.schedule.ScheduleProgress;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The schedule workflow's database work. Every method is idempotent, so a retried call changes
 * nothing twice.
 */
@ActivityInterface
public interface ScheduleRecordActivities {

  /**
   * The training_run row of one fire, created with the template's defaults and the next run number
   * of its ml model, or found when it exists (a retry, or a run reserved by a request with {@code
   * scheduled_at}); either way marked submitting when it has not started yet.
   */
  @ActivityMethod
  ScheduledRun createScheduledRun(ScheduledRunRequest request);

  /**
   * The pipeline_run row of one fire of a pipeline schedule, created (with the pipeline's tasks as
   * they are now) or found when it exists; refused, and failed, when the pipeline's {@code
   * depends_on} has no successful latest run.
   */
  @ActivityMethod
  ScheduledPipelineRun createScheduledPipelineRun(ScheduledPipelineRunRequest request);

  /** The pipeline run's workflow could not be started: the run is failed with {@code message}. */
  @ActivityMethod
  void markPipelineRunNotStarted(long pipelineRunId, String message);

  /** Overwrites the schedule's row with this snapshot unless a newer revision is stored. */
  @ActivityMethod
  void projectSchedule(ScheduleProgress progress);

  /** The run's workflow could not be started: the run is failed with {@code message}. */
  @ActivityMethod
  void markRunNotStarted(long runId, String message);

  /**
   * Cancels the schedule's runs that are still {@code scheduled} (reserved for a fire that will not
   * come: the schedule was cancelled or skipped it).
   *
   * @return how many runs were cancelled
   */
  @ActivityMethod
  int cancelUnstartedRuns(long scheduleId, String reason);
}
