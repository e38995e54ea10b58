package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.schedule.SchedulePolicies;
import dev.trainflow.workflows.spec.ScheduleSpec;
import java.time.Instant;

/**
 * A validated schedule, ready to insert: spec normalized, template and policies with defaults. It
 * fires training runs of {@code template} or, when {@code pipelineId} is set instead, pipeline runs.
 */
public record NewSchedule(
    String name,
    String description,
    ScheduleSpec spec,
    RunTemplate template,
    SchedulePolicies policies,
    Instant nextRunAt,
    Long pipelineId) {

  /** A schedule of training runs. */
  public NewSchedule(
      String name, String description, ScheduleSpec spec, RunTemplate template, SchedulePolicies policies, Instant nextRunAt) {
    this(name, description, spec, template, policies, nextRunAt, null);
  }
}
