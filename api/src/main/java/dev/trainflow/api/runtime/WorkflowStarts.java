package dev.trainflow.api.runtime;

import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Functions;

/** How the API starts its workflows (runs, schedules, pipeline runs, tuning jobs): one place for all. */
public final class WorkflowStarts {
  private WorkflowStarts() {}

  /** A workflow on the orchestration queue under its own id. */
  public static WorkflowOptions orchestration(String workflowId, WorkflowIdReusePolicy reusePolicy) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setWorkflowIdReusePolicy(reusePolicy)
        .build();
  }

  /**
   * Starts the workflow; Temporal refusing or out of reach is a 503 naming what could not start.
   *
   * @param what e.g. "the schedule's workflow"
   */
  public static <A> void start(Functions.Proc1<A> workflowMethod, A input, String what) {
    try {
      WorkflowClient.start(workflowMethod, input);
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("could not start " + what + ": " + e.getMessage(), e);
    }
  }
}
