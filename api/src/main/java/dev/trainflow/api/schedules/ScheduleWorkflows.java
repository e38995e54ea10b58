package dev.trainflow.api.schedules;

import dev.trainflow.api.runtime.WorkflowStarts;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.schedule.ScheduleProgress;
import dev.trainflow.workflows.schedule.TrainingScheduleInput;
import dev.trainflow.workflows.schedule.TrainingScheduleWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Starts schedule workflows and sends them their controls (updates). */
@Component
class ScheduleWorkflows {
  private final WorkflowClient client;

  ScheduleWorkflows(WorkflowClient client) {
    this.client = client;
  }

  void start(TrainingScheduleInput input) {
    start(input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /** Starts a schedule's workflow again after its last one closed without the schedule ending. */
  void restart(TrainingScheduleInput input) {
    start(input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
  }

  /** Whether Temporal has this workflow running. */
  boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private void start(TrainingScheduleInput input, WorkflowIdReusePolicy reusePolicy) {
    TrainingScheduleWorkflow workflow =
        client.newWorkflowStub(
            TrainingScheduleWorkflow.class,
            WorkflowStarts.orchestration(TrainingScheduleInput.workflowId(input.scheduleId()), reusePolicy));
    WorkflowStarts.start(workflow::run, input, "the schedule's workflow");
  }

  /**
   * Sends one control and returns the workflow's answer, given once its state is in the database.
   * A control the workflow's validator refuses is a 409 (a state that forbids it) or a 400 (an
   * invalid argument), with the validator's words.
   */
  ScheduleProgress update(String workflowId, Function<TrainingScheduleWorkflow, ScheduleProgress> control) {
    try {
      return control.apply(client.newWorkflowStub(TrainingScheduleWorkflow.class, workflowId));
    } catch (WorkflowUpdateException e) {
      ApplicationFailure refusal = refusal(e);
      if (refusal == null) {
        throw new ServiceUnavailableException("the schedule's workflow failed the request: " + e.getMessage(), e);
      }
      if (refusal.getType().endsWith("IllegalArgumentException")) {
        throw BadRequestException.of("body", refusal.getOriginalMessage());
      }
      throw new ConflictException(refusal.getOriginalMessage());
    } catch (WorkflowNotFoundException e) {
      throw new ConflictException("the schedule's workflow has ended; it takes no more controls");
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("could not reach the schedule's workflow: " + e.getMessage(), e);
    }
  }

  private static ApplicationFailure refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    return null;
  }
}
