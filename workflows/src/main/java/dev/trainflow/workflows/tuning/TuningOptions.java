package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/** The tuning workflow's activity and child-workflow options, side by side. */
final class TuningOptions {
  private TuningOptions() {}

  /** Database work on the orchestration queue: retried until the database answers, within bounds. */
  static ActivityOptions records() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(20)
                .build())
        .build();
  }

  /**
   * A trial's run: its own workflow id, so REST and the Temporal UI find it like any run. Unlike a
   * schedule's runs, a trial belongs to its job: cancelling the trial's scope (successive halving,
   * a cancelled job) cancels the run and waits until it has ended, so a slot is free only once its
   * run is; and a job that closes any other way asks its trials to stop.
   */
  static ChildWorkflowOptions trial(long runId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(TrainingRunInput.workflowId(runId))
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
  }
}
