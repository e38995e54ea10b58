package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/** The pipeline workflow's activity and child-workflow options, side by side. */
final class PipelineOptions {
  static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofMinutes(30);

  private PipelineOptions() {}

  /**
   * A webhook delivery: a few quick retries with backoff (about two minutes in all), never after
   * a 4xx other than 429, which the activity reports non-retryable.
   */
  static ActivityOptions webhook() {
    return webhook(Duration.ofSeconds(30), WEBHOOK_ATTEMPTS);
  }

  /**
   * A notify task's delivery: the webhook's retries unless the task names its own, each attempt
   * bounded by the task's timeout when it has one.
   */
  static ActivityOptions notify(PipelineTask task) {
    return webhook(
        task.timeoutSeconds() != null ? Duration.ofSeconds(task.timeoutSeconds()) : Duration.ofSeconds(30),
        task.retries() != null ? task.attempts() : WEBHOOK_ATTEMPTS);
  }

  private static final int WEBHOOK_ATTEMPTS = 6;

  private static ActivityOptions webhook(Duration attemptTimeout, int attempts) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setStartToCloseTimeout(attemptTimeout)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(60))
                .setMaximumAttempts(attempts)
                .setDoNotRetry(FailureReason.nonRetryableTypes())
                .build())
        .build();
  }

  /** A validate_data or check_drift task: its own timeout, its retries, never retried past a non-retryable reason. */
  static ActivityOptions validation(PipelineTask task) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.DATA)
        .setStartToCloseTimeout(
            task.timeoutSeconds() != null ? Duration.ofSeconds(task.timeoutSeconds()) : DEFAULT_VALIDATION_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(2))
                .setMaximumAttempts(task.attempts())
                .setDoNotRetry(FailureReason.nonRetryableTypes())
                .build())
        .build();
  }

  /**
   * A train task's run: the same child options as a schedule's runs (its own workflow id, left
   * running if the pipeline stops), bounded by the task's timeout when it has one.
   */
  static ChildWorkflowOptions run(long runId, PipelineTask task) {
    ChildWorkflowOptions.Builder builder =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(TrainingRunInput.workflowId(runId))
            .setTaskQueue(TaskQueues.ORCHESTRATION)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setCancellationType(ChildWorkflowCancellationType.ABANDON)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    if (task.timeoutSeconds() != null) {
      builder.setWorkflowExecutionTimeout(Duration.ofSeconds(task.timeoutSeconds()));
    }
    return builder.build();
  }
}
