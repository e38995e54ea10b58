package dev.trainflow.api.schedules;

import dev.trainflow.activities.persistence.StoredSchedule;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.ScheduleSpec;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A schedule as the API shows it: spec, template, policies, the statistics its workflow projected
 * and, for one schedule, its runs newest first. {@code health} is {@code degraded} after 3
 * consecutive failed runs, until one succeeds.
 */
record TrainingScheduleResponse(
    long id,
    String name,
    String description,
    String status,
    String health,
    ScheduleSpec schedule,
    RunTemplate runTemplate,
    Long pipelineId,
    String overlapPolicy,
    String catchUpPolicy,
    Integer pauseAfterFailures,
    String workflowId,
    String pausedReason,
    int totalRuns,
    int successfulRuns,
    int failedRuns,
    int cancelledRuns,
    int skippedFires,
    int consecutiveFailures,
    Double successRate,
    Long lastRunId,
    String lastRunStatus,
    OffsetDateTime lastRunAt,
    OffsetDateTime nextRunAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    List<ScheduleRunView> runs) {

  static TrainingScheduleResponse of(StoredSchedule s, List<ScheduleRunView> runs) {
    return new TrainingScheduleResponse(
        s.id(),
        s.name(),
        s.description(),
        s.status(),
        s.degraded() ? "degraded" : "healthy",
        s.spec(),
        s.template(),
        s.pipelineId(),
        s.policies().overlap(),
        s.policies().catchUp(),
        s.policies().pauseAfterFailures(),
        s.workflowId(),
        s.pausedReason(),
        s.totalRuns(),
        s.successfulRuns(),
        s.failedRuns(),
        s.cancelledRuns(),
        s.skippedFires(),
        s.consecutiveFailures(),
        s.successRate(),
        s.lastRunId(),
        s.lastRunStatus(),
        s.lastRunAt(),
        s.nextRunAt(),
        s.createdAt(),
        s.updatedAt(),
        runs);
  }
}
