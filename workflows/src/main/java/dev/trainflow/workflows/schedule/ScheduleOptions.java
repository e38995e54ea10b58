package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/** The schedule workflow's activity and child-workflow options, side by side. */
final class ScheduleOptions {
  private ScheduleOptions() {}

  /**
   * Database work on the orchestration queue: retried until the database answers, but bounded, so
   * a fire whose run cannot be created counts as failed instead of holding the schedule forever.
   */
  static ActivityOptions records() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /**
   * A fire's run: its own workflow id, so REST and the Temporal UI find it like any run; abandoned
   * when the schedule closes or is cancelled, so stopping a schedule never stops a run by accident
   * (cancel with cancel_running signals runs explicitly); never started twice for one run.
   */
  static ChildWorkflowOptions run(long runId) {
    return child(TrainingRunInput.workflowId(runId));
  }

  /** A fire's pipeline run: the same options under the pipeline run's workflow id. */
  static ChildWorkflowOptions pipelineRun(long pipelineRunId) {
    return child(PipelineRunInput.workflowId(pipelineRunId));
  }

  private static ChildWorkflowOptions child(String workflowId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setCancellationType(ChildWorkflowCancellationType.ABANDON)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
  }
}
