package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_SCHEDULE;

import dev.trainflow.activities.persistence.jooq.tables.records.TrainingScheduleRecord;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.schedule.ScheduleProgress;
import dev.trainflow.workflows.schedule.ScheduleStatus;
import dev.trainflow.workflows.schedule.SchedulePolicies;
import dev.trainflow.workflows.schedule.TrainingScheduleInput;
import dev.trainflow.workflows.spec.ScheduleSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Schedules. The API inserts them; from then on only their workflow writes them, through {@link
 * #project}, so the row is the workflow's last word.
 */
public class ScheduleRepository {
  private final DSLContext db;

  public ScheduleRepository(DSLContext db) {
    this.db = db;
  }

  public StoredSchedule create(NewSchedule schedule) {
    long id = db.transactionResult(tx -> insert(tx.dsl(), schedule));
    return find(id).orElseThrow();
  }

  /**
   * A once schedule with the run its fire will start, both in one transaction: the run is shown as
   * {@code scheduled} until then, and the fire finds it by the schedule and its time.
   */
  public ReservedRunSchedule createWithReservedRun(NewSchedule schedule, NewRun run) {
    long[] ids =
        db.transactionResult(
            tx -> {
              long scheduleId = insert(tx.dsl(), schedule);
              OffsetDateTime at = time(schedule.nextRunAt());
              long runId =
                  TrainingRunRepository.insert(
                      tx.dsl(), withStatus(run, RunStatus.SCHEDULED), scheduleId, at);
              return new long[] {scheduleId, runId};
            });
    return new ReservedRunSchedule(
        find(ids[0]).orElseThrow(), new TrainingRunRepository(db).find(ids[1]).orElseThrow());
  }

  public Optional<StoredSchedule> find(long id) {
    return db.selectFrom(TRAINING_SCHEDULE)
        .where(TRAINING_SCHEDULE.ID.eq(id))
        .fetchOptional()
        .map(ScheduleRepository::toStored);
  }

  public SchedulePage list(ScheduleFilter filter) {
    Condition where =
        filter.status() == null ? DSL.noCondition() : TRAINING_SCHEDULE.STATUS.eq(filter.status());
    long total = db.selectCount().from(TRAINING_SCHEDULE).where(where).fetchOne(0, Long.class);
    List<StoredSchedule> items =
        db.selectFrom(TRAINING_SCHEDULE)
            .where(where)
            .orderBy(TRAINING_SCHEDULE.ID.desc())
            .limit(filter.size())
            .offset((long) filter.page() * filter.size())
            .fetch()
            .map(ScheduleRepository::toStored);
    return new SchedulePage(items, total, filter.page(), filter.size());
  }

  /**
   * Overwrites the schedule's state with the workflow's snapshot, unless a newer revision is stored
   * already: projections may arrive late or twice, never backwards. A schedule that is not active
   * has no next run time.
   *
   * @return whether the row changed
   */
  public boolean project(ScheduleProgress p) {
    return db.update(TRAINING_SCHEDULE)
            .set(TRAINING_SCHEDULE.STATUS, p.status().value())
            .set(TRAINING_SCHEDULE.SCHEDULE_TYPE, p.spec().type())
            .set(TRAINING_SCHEDULE.SPEC, JsonColumns.jsonb(p.spec()))
            .set(TRAINING_SCHEDULE.PAUSED_REASON, p.status() == ScheduleStatus.PAUSED ? p.pausedReason() : null)
            .set(TRAINING_SCHEDULE.TOTAL_RUNS, p.totalRuns())
            .set(TRAINING_SCHEDULE.SUCCESSFUL_RUNS, p.successfulRuns())
            .set(TRAINING_SCHEDULE.FAILED_RUNS, p.failedRuns())
            .set(TRAINING_SCHEDULE.CANCELLED_RUNS, p.cancelledRuns())
            .set(TRAINING_SCHEDULE.SKIPPED_FIRES, p.skippedFires())
            .set(TRAINING_SCHEDULE.CONSECUTIVE_FAILURES, p.consecutiveFailures())
            .set(TRAINING_SCHEDULE.SUCCESS_RATE, p.successRate())
            .set(TRAINING_SCHEDULE.DEGRADED, p.degraded())
            .set(TRAINING_SCHEDULE.LAST_RUN_ID, p.lastRunId())
            .set(TRAINING_SCHEDULE.LAST_RUN_STATUS, p.lastRunStatus())
            .set(TRAINING_SCHEDULE.LAST_RUN_AT, time(p.lastFireAtMillis()))
            .set(
                TRAINING_SCHEDULE.NEXT_RUN_AT,
                p.status() == ScheduleStatus.ACTIVE ? time(p.nextFireAtMillis()) : null)
            .set(TRAINING_SCHEDULE.REVISION, p.revision())
            .set(TRAINING_SCHEDULE.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(TRAINING_SCHEDULE.ID.eq(p.scheduleId()))
            .and(TRAINING_SCHEDULE.REVISION.lt(p.revision()))
            .execute()
        > 0;
  }

  /** Schedules whose workflow should be running: active or paused. */
  public List<StoredSchedule> listLive() {
    return db.selectFrom(TRAINING_SCHEDULE)
        .where(TRAINING_SCHEDULE.STATUS.in(ScheduleStatus.ACTIVE.value(), ScheduleStatus.PAUSED.value()))
        .orderBy(TRAINING_SCHEDULE.ID)
        .fetch()
        .map(ScheduleRepository::toStored);
  }

  /** Only for a schedule whose workflow never started: nothing else refers to it yet. */
  public void deleteUnstarted(long id) {
    db.deleteFrom(TRAINING_SCHEDULE).where(TRAINING_SCHEDULE.ID.eq(id)).execute();
  }

  private static long insert(DSLContext t, NewSchedule s) {
    long id =
        t.insertInto(TRAINING_SCHEDULE)
            .set(TRAINING_SCHEDULE.NAME, s.name())
            .set(TRAINING_SCHEDULE.DESCRIPTION, s.description())
            .set(TRAINING_SCHEDULE.STATUS, ScheduleStatus.ACTIVE.value())
            .set(TRAINING_SCHEDULE.SCHEDULE_TYPE, s.spec().type())
            .set(TRAINING_SCHEDULE.SPEC, JsonColumns.jsonb(s.spec()))
            .set(TRAINING_SCHEDULE.RUN_TEMPLATE, JsonColumns.jsonb(s.template()))
            .set(TRAINING_SCHEDULE.PIPELINE_ID, s.pipelineId())
            .set(TRAINING_SCHEDULE.OVERLAP_POLICY, s.policies().overlap())
            .set(TRAINING_SCHEDULE.CATCH_UP_POLICY, s.policies().catchUp())
            .set(TRAINING_SCHEDULE.PAUSE_AFTER_FAILURES, s.policies().pauseAfterFailures())
            .set(TRAINING_SCHEDULE.NEXT_RUN_AT, time(s.nextRunAt()))
            .returning(TRAINING_SCHEDULE.ID)
            .fetchOne()
            .getId();
    t.update(TRAINING_SCHEDULE)
        .set(TRAINING_SCHEDULE.WORKFLOW_ID, TrainingScheduleInput.workflowId(id))
        .where(TRAINING_SCHEDULE.ID.eq(id))
        .execute();
    return id;
  }

  private static NewRun withStatus(NewRun r, RunStatus status) {
    return new NewRun(
        r.name(), r.description(), r.mlModelName(), r.modelType(), r.datasetId(), r.featureConfigId(),
        r.modelConfigId(), r.trainingParams(), r.gpuConfig(), r.evaluatorConfig(), r.deploymentConfig(), status);
  }

  private static OffsetDateTime time(Long millis) {
    return millis == null ? null : time(Instant.ofEpochMilli(millis));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static StoredSchedule toStored(TrainingScheduleRecord r) {
    return new StoredSchedule(
        r.getId(),
        r.getName(),
        r.getDescription(),
        r.getStatus(),
        JsonColumns.read(r.getSpec(), ScheduleSpec.class),
        JsonColumns.read(r.getRunTemplate(), RunTemplate.class),
        new SchedulePolicies(r.getOverlapPolicy(), r.getCatchUpPolicy(), r.getPauseAfterFailures()),
        r.getWorkflowId(),
        r.getPausedReason(),
        r.getTotalRuns(),
        r.getSuccessfulRuns(),
        r.getFailedRuns(),
        r.getCancelledRuns(),
        r.getSkippedFires(),
        r.getConsecutiveFailures(),
        r.getSuccessRate(),
        r.getDegraded(),
        r.getLastRunId(),
        r.getLastRunStatus(),
        r.getLastRunAt(),
        r.getNextRunAt(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getRevision(),
        r.getPipelineId());
  }
}
