package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.ScheduleSpec;

/**
 * What a schedule workflow starts from. {@code carried} is null at creation and holds the state a
 * continue-as-new hands to the next run (and {@code spec} is the spec as an update may have
 * changed it). {@code tuning} may be null: the defaults. A schedule fires either a training run of
 * {@code template} or, when {@code pipelineId} is set (and {@code template} null), a run of that
 * pipeline.
 */
public record TrainingScheduleInput(
    long scheduleId,
    String scheduleName,
    ScheduleSpec spec,
    RunTemplate template,
    SchedulePolicies policies,
    ScheduleProgress carried,
    ScheduleTuning tuning,
    Long pipelineId) {

  /** A schedule of training runs. */
  public TrainingScheduleInput(
      long scheduleId, String scheduleName, ScheduleSpec spec, RunTemplate template, SchedulePolicies policies,
      ScheduleProgress carried, ScheduleTuning tuning) {
    this(scheduleId, scheduleName, spec, template, policies, carried, tuning, null);
  }

  public static String workflowId(long scheduleId) {
    return "training-schedule-" + scheduleId;
  }
}
