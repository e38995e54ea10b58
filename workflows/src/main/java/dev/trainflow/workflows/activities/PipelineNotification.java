package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.pipeline.PipelineRunProgress;

/**
 * One webhook delivery: {@code event} is {@code pipeline_run.succeeded} or {@code pipeline_run.failed}
 * (failed and partially succeeded runs alike; the run's status says which) for the run's end, or
 * {@code pipeline_task.notify} for a {@code notify} task, whose {@code taskId} it names (null for
 * the run's end), with the report so far.
 */
public record PipelineNotification(String url, String event, String pipelineName, PipelineRunProgress run, String taskId) {

  public static final String NOTIFY_EVENT = "pipeline_task.notify";

  /** The run's end, posted to its on_success or on_failure webhook. */
  public PipelineNotification(String url, String event, String pipelineName, PipelineRunProgress run) {
    this(url, event, pipelineName, run, null);
  }

  /** What the receiver may drop as a repeat: the same for every retry of one delivery. */
  public String deliveryId() {
    return run.pipelineRunId() + "-" + event + (taskId == null ? "" : "-" + taskId);
  }
}
