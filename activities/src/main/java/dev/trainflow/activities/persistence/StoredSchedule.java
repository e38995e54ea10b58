package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.schedule.SchedulePolicies;
import dev.trainflow.workflows.spec.ScheduleSpec;
import java.time.OffsetDateTime;

/**
 * A schedule row with the statistics its workflow last projected, and the revision of that
 * projection (a restarted workflow continues from it). {@code template} is null for a schedule of
 * pipeline runs ({@code pipelineId} set).
 */
public record StoredSchedule(
    long id,
    String name,
    String description,
    String status,
    ScheduleSpec spec,
    RunTemplate template,
    SchedulePolicies policies,
    String workflowId,
    String pausedReason,
    int totalRuns,
    int successfulRuns,
    int failedRuns,
    int cancelledRuns,
    int skippedFires,
    int consecutiveFailures,
    Double successRate,
    boolean degraded,
    Long lastRunId,
    String lastRunStatus,
    OffsetDateTime lastRunAt,
    OffsetDateTime nextRunAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    long revision,
    Long pipelineId) {}
