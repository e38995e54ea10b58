package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.spec.ScheduleSpec;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A recurring (or one-off) training schedule. Workflow id: {@code training-schedule-<id>}. Each
 * fire starts a child {@code TrainingRunWorkflow}. The controls are updates: each answers with the
 * schedule's state once it has been written to the database, and a validator refuses what does not
 * apply (resume an active schedule, trigger a cancelled one) without touching the history.
 */
@WorkflowInterface
public interface TrainingScheduleWorkflow {

  /** Fires until cancelled, or until a schedule with no times left has no run going. */
  @WorkflowMethod
  ScheduleProgress run(TrainingScheduleInput input);

  /** Stops the schedule's times; runs going go on, triggers still fire. */
  @UpdateMethod
  ScheduleProgress pause(String reason);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(String reason);

  /** Brings the schedule's times back; fires missed while paused follow the catch-up policy. */
  @UpdateMethod
  ScheduleProgress resume();

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume();

  /**
   * Fires now, under the overlap policy. A once schedule whose time has not come fires that time
   * now (its run, if one was reserved), and then has no time left.
   */
  @UpdateMethod
  ScheduleProgress trigger();

  @UpdateValidatorMethod(updateName = "trigger")
  void validateTrigger();

  /**
   * Stops every future fire and ends the schedule. Runs going are left alone unless {@code
   * cancelRunning}, which sends each the run's own cancel signal (it checkpoints and stops).
   */
  @UpdateMethod
  ScheduleProgress cancel(boolean cancelRunning);

  @UpdateValidatorMethod(updateName = "cancel")
  void validateCancel(boolean cancelRunning);

  /** Replaces the time spec; the next fire is computed from now. */
  @UpdateMethod
  ScheduleProgress updateSpec(ScheduleSpec spec);

  @UpdateValidatorMethod(updateName = "updateSpec")
  void validateUpdateSpec(ScheduleSpec spec);

  /** Queues the fire times of a past window; they run one after another, each after the last ends. */
  @UpdateMethod
  ScheduleProgress backfill(BackfillRequest request);

  @UpdateValidatorMethod(updateName = "backfill")
  void validateBackfill(BackfillRequest request);

  @QueryMethod
  ScheduleProgress progress();
}
