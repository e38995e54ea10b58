package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;

/** The tuning workflow's child-workflow options (its database work uses {@link dev.trainflow.workflows.RecordActivityOptions}). */
final class TuningOptions {
  private TuningOptions() {}

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
