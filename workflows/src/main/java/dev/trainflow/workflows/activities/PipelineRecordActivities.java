package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.pipeline.PipelineRunProgress;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** The pipeline workflow's database work, on the orchestration queue; every method idempotent. */
@ActivityInterface
public interface PipelineRecordActivities {

  /** The training run of one train-task attempt, created on the first call and found on a retry. */
  @ActivityMethod
  TrainingRunInput createTaskRun(PipelineTaskRunRequest request);

  /** The run's workflow could not be started: the run is failed with {@code message}. */
  @ActivityMethod(name = "PipelineMarkRunNotStarted")
  void markRunNotStarted(long runId, String message);

  /** The newest registered version of each named ml model that has one. */
  @ActivityMethod
  Map<String, Integer> servingVersions(List<String> mlModelNames);

  /** Overwrites the pipeline run's row with this snapshot unless a newer revision is stored. */
  @ActivityMethod
  void projectPipelineRun(PipelineRunProgress progress);

  /**
   * Posts the run's end to a webhook, signed ({@code X-Trainflow-Signature: sha256=<HMAC-SHA256 of
   * the body>}); a 5xx, 429 or unreachable endpoint is retried, another 4xx is not.
   */
  @ActivityMethod
  void notifyWebhook(PipelineNotification notification);
}
