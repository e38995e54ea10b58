package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.ScheduleSpec;

/**
 * What a schedule workflow starts from. {@code carried} is null at creation and holds the state a
 * continue-as-new hands to the next run (its spec wins over {@code spec}, which an update may have
 * changed). {@code continueAsNewAfterEvents} bounds the history (null: {@link
 * #DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS}); tests set it low.
 */
public record TrainingScheduleInput(
    long scheduleId,
    String scheduleName,
    ScheduleSpec spec,
    RunTemplate template,
    SchedulePolicies policies,
    ScheduleProgress carried,
    Integer continueAsNewAfterEvents) {

  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 2000;

  public static String workflowId(long scheduleId) {
    return "training-schedule-" + scheduleId;
  }
}
