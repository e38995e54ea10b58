package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.TUNING_JOB;
import static dev.trainflow.activities.persistence.jooq.Tables.TUNING_TRIAL;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.persistence.jooq.tables.records.TuningJobRecord;
import dev.trainflow.activities.persistence.jooq.tables.records.TuningTrialRecord;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.tuning.TrialRecord;
import dev.trainflow.workflows.tuning.TuningJobInput;
import dev.trainflow.workflows.tuning.TuningJobStatus;
import dev.trainflow.workflows.tuning.TuningProgress;
import dev.trainflow.workflows.tuning.TuningSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** Tuning jobs, their trials, and the training run of each trial. */
public class TuningJobRepository {
  private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};

  private final DSLContext db;

  public TuningJobRepository(DSLContext db) {
    this.db = db;
  }

  /** A new job, {@code running}, with the workflow id it will be started under. */
  public StoredTuningJob create(String name, String description, RunTemplate baseTemplate, TuningSpec spec) {
    long id =
        db.transactionResult(
            tx -> {
              long created =
                  tx.dsl().insertInto(TUNING_JOB)
                      .set(TUNING_JOB.NAME, name)
                      .set(TUNING_JOB.DESCRIPTION, description)
                      .set(TUNING_JOB.STATUS, TuningJobStatus.RUNNING.value())
                      .set(TUNING_JOB.BASE_TEMPLATE, JsonColumns.jsonb(baseTemplate))
                      .set(TUNING_JOB.SPEC, JsonColumns.jsonb(spec))
                      .set(TUNING_JOB.ALGORITHM, spec.algorithm())
                      .set(TUNING_JOB.SEED, spec.seed())
                      .set(TUNING_JOB.OBJECTIVE_METRIC, spec.objective().metric())
                      .set(TUNING_JOB.OBJECTIVE_DIRECTION, spec.objective().direction())
                      .set(TUNING_JOB.MAX_TRIALS, spec.maxTrials())
                      .set(TUNING_JOB.PARALLELISM, spec.parallelism())
                      .returning(TUNING_JOB.ID)
                      .fetchOne()
                      .getId();
              tx.dsl().update(TUNING_JOB)
                  .set(TUNING_JOB.WORKFLOW_ID, TuningJobInput.workflowId(created))
                  .where(TUNING_JOB.ID.eq(created))
                  .execute();
              return created;
            });
    return find(id).orElseThrow();
  }

  public Optional<StoredTuningJob> find(long id) {
    return db.selectFrom(TUNING_JOB).where(TUNING_JOB.ID.eq(id)).fetchOptional().map(TuningJobRepository::toStored);
  }

  /** Newest first; {@code status} null for every status. */
  public List<StoredTuningJob> list(String status, int limit) {
    return db.selectFrom(TUNING_JOB)
        .where(status == null ? DSL.noCondition() : TUNING_JOB.STATUS.eq(status))
        .orderBy(TUNING_JOB.ID.desc())
        .limit(limit)
        .fetch()
        .map(TuningJobRepository::toStored);
  }

  public List<StoredTrial> trials(long jobId) {
    return db.selectFrom(TUNING_TRIAL)
        .where(TUNING_TRIAL.TUNING_JOB_ID.eq(jobId))
        .orderBy(TUNING_TRIAL.TRIAL_NUMBER)
        .fetch()
        .map(TuningJobRepository::toStoredTrial);
  }

  /** The job's workflow could not be started: failed with {@code message}. */
  public void markFailed(long id, String message) {
    db.update(TUNING_JOB)
        .set(TUNING_JOB.STATUS, TuningJobStatus.FAILED.value())
        .set(TUNING_JOB.ERROR, message)
        .set(TUNING_JOB.FINISHED_AT, DSL.currentOffsetDateTime())
        .where(TUNING_JOB.ID.eq(id))
        .execute();
  }

  /**
   * Fails every job still {@code running}, and its running trials, with {@code message}: for a
   * process whose workflows were lost with it (the embedded server keeps them in memory only).
   *
   * @return how many jobs were failed
   */
  public int failUnfinished(String message) {
    return db.transactionResult(
        tx -> {
          List<Long> lost =
              tx.dsl().update(TUNING_JOB)
                  .set(TUNING_JOB.STATUS, TuningJobStatus.FAILED.value())
                  .set(TUNING_JOB.ERROR, message)
                  .set(TUNING_JOB.FINISHED_AT, DSL.currentOffsetDateTime())
                  .set(TUNING_JOB.REVISION, Integer.MAX_VALUE) // no late projection of the lost workflow wins
                  .where(TUNING_JOB.STATUS.eq(TuningJobStatus.RUNNING.value()))
                  .returning(TUNING_JOB.ID)
                  .fetch(TUNING_JOB.ID);
          if (!lost.isEmpty()) {
            tx.dsl().update(TUNING_TRIAL)
                .set(TUNING_TRIAL.STATUS, "failed")
                .set(TUNING_TRIAL.ERROR, message)
                .set(TUNING_TRIAL.FINISHED_AT, DSL.currentOffsetDateTime())
                .where(TUNING_TRIAL.TUNING_JOB_ID.in(lost).and(TUNING_TRIAL.STATUS.eq("running")))
                .execute();
          }
          return lost.size();
        });
  }

  public void markPromoted(long id, long runId) {
    db.update(TUNING_JOB).set(TUNING_JOB.PROMOTED_RUN_ID, runId).where(TUNING_JOB.ID.eq(id)).execute();
  }

  /**
   * The training run of one trial: created with the trial's row in one transaction, or found by
   * that row on a retried call.
   */
  public long trialRun(long jobId, int trialNumber, Map<String, Object> params, NewRun run) {
    Optional<Long> existing = linkedRun(jobId, trialNumber);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return db.transactionResult(
          tx -> {
            long runId = TrainingRunRepository.insert(tx.dsl(), run, null, null);
            tx.dsl().insertInto(TUNING_TRIAL)
                .set(TUNING_TRIAL.TUNING_JOB_ID, jobId)
                .set(TUNING_TRIAL.TRIAL_NUMBER, trialNumber)
                .set(TUNING_TRIAL.TRAINING_RUN_ID, runId)
                .set(TUNING_TRIAL.PARAMS, JsonColumns.jsonb(params))
                .set(TUNING_TRIAL.STATUS, "running")
                .set(TUNING_TRIAL.STARTED_AT, DSL.currentOffsetDateTime())
                .onConflict(TUNING_TRIAL.TUNING_JOB_ID, TUNING_TRIAL.TRIAL_NUMBER)
                .doUpdate()
                .set(TUNING_TRIAL.TRAINING_RUN_ID, runId)
                .where(TUNING_TRIAL.TRAINING_RUN_ID.isNull())
                .execute();
            return linkedRun(tx.dsl(), jobId, trialNumber).orElseThrow();
          });
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        return linkedRun(jobId, trialNumber).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private Optional<Long> linkedRun(long jobId, int trialNumber) {
    return linkedRun(db, jobId, trialNumber);
  }

  private static Optional<Long> linkedRun(DSLContext dsl, long jobId, int trialNumber) {
    return dsl.select(TUNING_TRIAL.TRAINING_RUN_ID)
        .from(TUNING_TRIAL)
        .where(TUNING_TRIAL.TUNING_JOB_ID.eq(jobId), TUNING_TRIAL.TRIAL_NUMBER.eq(trialNumber), TUNING_TRIAL.TRAINING_RUN_ID.isNotNull())
        .fetchOptional(TUNING_TRIAL.TRAINING_RUN_ID);
  }

  /**
   * Writes the job's snapshot and every trial in it, unless a newer revision is stored (a late
   * retry of an older projection changes nothing).
   *
   * @return whether it was written
   */
  public boolean project(TuningProgress p) {
    return db.transactionResult(
        tx -> {
          int updated =
              tx.dsl().update(TUNING_JOB)
                  .set(TUNING_JOB.STATUS, p.status().value())
                  .set(TUNING_JOB.BEST_TRIAL, p.bestTrial())
                  .set(TUNING_JOB.BEST_VALUE, p.bestValue())
                  .set(TUNING_JOB.ERROR, p.error())
                  .set(TUNING_JOB.REVISION, p.revision())
                  .set(TUNING_JOB.STARTED_AT, at(p.startedAtMillis()))
                  .set(TUNING_JOB.FINISHED_AT, at(p.finishedAtMillis()))
                  .where(TUNING_JOB.ID.eq(p.jobId()).and(TUNING_JOB.REVISION.lt(p.revision())))
                  .execute();
          if (updated == 0) {
            return false;
          }
          for (TrialRecord t : p.trials()) {
            tx.dsl().insertInto(TUNING_TRIAL)
                .set(TUNING_TRIAL.TUNING_JOB_ID, p.jobId())
                .set(TUNING_TRIAL.TRIAL_NUMBER, t.trialNumber())
                .set(TUNING_TRIAL.TRAINING_RUN_ID, t.runId())
                .set(TUNING_TRIAL.PARAMS, JsonColumns.jsonb(t.params()))
                .set(TUNING_TRIAL.STATUS, t.status().value())
                .set(TUNING_TRIAL.OBJECTIVE_VALUE, t.objectiveValue())
                .set(TUNING_TRIAL.METRICS, JsonColumns.jsonb(t.metrics() != null ? t.metrics() : Map.of()))
                .set(TUNING_TRIAL.LAST_STEP, t.lastStep())
                .set(TUNING_TRIAL.ERROR, t.error())
                .set(TUNING_TRIAL.STARTED_AT, at(t.startedAtMillis()))
                .set(TUNING_TRIAL.FINISHED_AT, at(t.finishedAtMillis()))
                .onConflict(TUNING_TRIAL.TUNING_JOB_ID, TUNING_TRIAL.TRIAL_NUMBER)
                .doUpdate()
                .set(TUNING_TRIAL.TRAINING_RUN_ID, DSL.coalesce(DSL.excluded(TUNING_TRIAL.TRAINING_RUN_ID), TUNING_TRIAL.TRAINING_RUN_ID))
                .set(TUNING_TRIAL.PARAMS, DSL.excluded(TUNING_TRIAL.PARAMS))
                .set(TUNING_TRIAL.STATUS, DSL.excluded(TUNING_TRIAL.STATUS))
                .set(TUNING_TRIAL.OBJECTIVE_VALUE, DSL.excluded(TUNING_TRIAL.OBJECTIVE_VALUE))
                .set(TUNING_TRIAL.METRICS, DSL.excluded(TUNING_TRIAL.METRICS))
                .set(TUNING_TRIAL.LAST_STEP, DSL.excluded(TUNING_TRIAL.LAST_STEP))
                .set(TUNING_TRIAL.ERROR, DSL.excluded(TUNING_TRIAL.ERROR))
                .set(TUNING_TRIAL.STARTED_AT, DSL.excluded(TUNING_TRIAL.STARTED_AT))
                .set(TUNING_TRIAL.FINISHED_AT, DSL.excluded(TUNING_TRIAL.FINISHED_AT))
                .execute();
          }
          return true;
        });
  }

  private static OffsetDateTime at(Long millis) {
    return millis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static StoredTuningJob toStored(TuningJobRecord r) {
    return new StoredTuningJob(
        r.getId(), r.getName(), r.getDescription(), r.getStatus(), r.getWorkflowId(),
        JsonColumns.read(r.getBaseTemplate(), RunTemplate.class), JsonColumns.read(r.getSpec(), TuningSpec.class),
        r.getBestTrial(), r.getBestValue(), r.getPromotedRunId(), r.getError(), r.getCreatedAt(), r.getStartedAt(),
        r.getFinishedAt());
  }

  private static StoredTrial toStoredTrial(TuningTrialRecord r) {
    return new StoredTrial(
        r.getTrialNumber(), r.getTrainingRunId(), read(r.getParams(), PARAMS), r.getStatus(), r.getObjectiveValue(),
        read(r.getMetrics(), METRICS), r.getLastStep(), r.getError(), r.getStartedAt(), r.getFinishedAt());
  }

  private static <T> T read(JSONB value, TypeReference<T> type) {
    if (value == null) {
      return null;
    }
    try {
      return JsonCodec.mapper().readValue(value.data(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
