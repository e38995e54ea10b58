package dev.trainflow.activities.pipelines;

import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.workflows.activities.PipelineNotification;
import dev.trainflow.workflows.activities.PipelineRecordActivities;
import dev.trainflow.workflows.activities.PipelineTaskRunRequest;
import dev.trainflow.workflows.pipeline.PipelineRunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pipeline workflow's database work, on the orchestration queue. */
public class PipelineRecordActivitiesImpl implements PipelineRecordActivities {
  private final PipelineRepository pipelines;
  private final TrainingRunRepository runs;
  private final RunInputResolver inputs;
  private final PipelineMeters meters;
  private final WebhookSender webhooks;

  /** @param meters counts ended pipeline runs and tasks; null for none */
  public PipelineRecordActivitiesImpl(
      PipelineRepository pipelines,
      TrainingRunRepository runs,
      RunInputResolver inputs,
      PipelineMeters meters,
      WebhookSender webhooks) {
    this.pipelines = pipelines;
    this.runs = runs;
    this.inputs = inputs;
    this.meters = meters;
    this.webhooks = webhooks;
  }

  @Override
  public void notifyWebhook(PipelineNotification notification) {
    webhooks.send(notification);
  }

  @Override
  public TrainingRunInput createTaskRun(PipelineTaskRunRequest request) {
    long runId =
        pipelines.taskRun(
            request.pipelineRunId(), request.taskId(), request.attempt(),
            NewRun.of(runName(request), request.template(), RunStatus.SUBMITTING));
    return inputs.resolve(runs.find(runId).orElseThrow());
  }

  @Override
  public void markRunNotStarted(long runId, String message) {
    runs.markStartFailed(runId, message);
  }

  @Override
  public Map<String, Integer> servingVersions(List<String> mlModelNames) {
    return pipelines.latestVersions(mlModelNames);
  }

  @Override
  public void projectPipelineRun(PipelineRunProgress progress) {
    boolean written = pipelines.project(progress);
    if (written && meters != null && progress.finishedAtMillis() != null) {
      // the revision guard lets exactly one projection of the end through, so it counts once
      meters.ended(progress);
    }
  }

  /** {@code <pipeline>-<task>-<pipeline run>[-<attempt>]}, in the run-name alphabet, at most 63 characters. */
  static String runName(PipelineTaskRunRequest r) {
    String name =
        (r.pipelineName() + "-" + r.taskId()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String suffix = "-" + r.pipelineRunId() + (r.attempt() > 1 ? "-" + r.attempt() : "");
    return name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
  }
}
