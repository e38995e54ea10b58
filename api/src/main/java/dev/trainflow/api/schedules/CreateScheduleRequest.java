package dev.trainflow.api.schedules;

import dev.trainflow.api.runs.RunTemplateRequest;
import dev.trainflow.workflows.spec.ScheduleSpec;

/**
 * A schedule request: its name (the runs are named {@code <name>-<yyyyMMdd-HHmm>}), the time
 * spec, the run template frozen at creation (or, instead, {@code pipeline_id}: the pipeline whose
 * runs it fires, with the pipeline's tasks as they are at each fire), and the policies (defaults: overlap {@code skip},
 * catch-up {@code skip}, never pause after failures).
 */
record CreateScheduleRequest(
    String name,
    String description,
    ScheduleSpec schedule,
    RunTemplateRequest runTemplate,
    String overlapPolicy,
    String catchUpPolicy,
    Integer pauseAfterFailures,
    Long pipelineId) {}
