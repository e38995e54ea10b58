package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.MODEL_REGISTRY;
import static dev.trainflow.activities.persistence.jooq.Tables.PIPELINE;
import static dev.trainflow.activities.persistence.jooq.Tables.PIPELINE_RUN;
import static dev.trainflow.activities.persistence.jooq.Tables.PIPELINE_TASK_RUN;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.persistence.jooq.tables.records.PipelineRecord;
import dev.trainflow.activities.persistence.jooq.tables.records.PipelineRunRecord;
import dev.trainflow.workflows.pipeline.ModelOutcome;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.PipelineRunProgress;
import dev.trainflow.workflows.pipeline.PipelineStatus;
import dev.trainflow.workflows.pipeline.PipelineTask;
import dev.trainflow.workflows.pipeline.TaskReport;
import dev.trainflow.workflows.pipeline.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** Pipelines, their runs, and the training run of each train-task attempt. */
public class PipelineRepository {
  private static final TypeReference<List<PipelineTask>> TASKS = new TypeReference<>() {};
  private static final TypeReference<List<TaskReport>> REPORTS = new TypeReference<>() {};
  private static final TypeReference<List<ModelOutcome>> MODELS = new TypeReference<>() {};

  private final DSLContext db;

  public PipelineRepository(DSLContext db) {
    this.db = db;
  }

  public StoredPipeline create(
      String name, String description, String dependsOn, List<PipelineTask> tasks, Webhook onSuccess, Webhook onFailure) {
    try {
      return toStored(
          db.insertInto(PIPELINE)
              .set(PIPELINE.NAME, name)
              .set(PIPELINE.DESCRIPTION, description)
              .set(PIPELINE.DEPENDS_ON, dependsOn)
              .set(PIPELINE.ON_SUCCESS_URL, onSuccess == null ? null : onSuccess.url())
              .set(PIPELINE.ON_FAILURE_URL, onFailure == null ? null : onFailure.url())
              .set(PIPELINE.DEFINITION, JsonColumns.jsonb(tasks))
              .returning()
              .fetchOne());
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        throw new NameTakenException("pipeline_id", name);
      }
      throw e;
    }
  }

  public Optional<StoredPipeline> find(long id) {
    return db.selectFrom(PIPELINE).where(PIPELINE.ID.eq(id)).fetchOptional().map(PipelineRepository::toStored);
  }

  public Optional<StoredPipeline> findByName(String name) {
    return db.selectFrom(PIPELINE).where(PIPELINE.NAME.eq(name)).fetchOptional().map(PipelineRepository::toStored);
  }

  public List<StoredPipeline> list() {
    return db.selectFrom(PIPELINE).orderBy(PIPELINE.ID).fetch().map(PipelineRepository::toStored);
  }

  /** A new run of the pipeline, {@code running}, with the workflow id it will be started under. */
  public StoredPipelineRun createRun(long pipelineId) {
    return createRun(pipelineId, null, null);
  }

  private StoredPipelineRun createRun(long pipelineId, Long scheduleId, OffsetDateTime scheduledFor) {
    long id =
        db.transactionResult(
            tx -> {
              long created =
                  tx.dsl().insertInto(PIPELINE_RUN)
                      .set(PIPELINE_RUN.PIPELINE_ID, pipelineId)
                      .set(PIPELINE_RUN.SCHEDULE_ID, scheduleId)
                      .set(PIPELINE_RUN.SCHEDULED_FOR, scheduledFor)
                      .set(PIPELINE_RUN.STATUS, PipelineStatus.RUNNING.value())
                      .returning(PIPELINE_RUN.ID)
                      .fetchOne()
                      .getId();
              tx.dsl().update(PIPELINE_RUN)
                  .set(PIPELINE_RUN.WORKFLOW_ID, PipelineRunInput.workflowId(created))
                  .where(PIPELINE_RUN.ID.eq(created))
                  .execute();
              return created;
            });
    return findRun(id).orElseThrow();
  }

  /**
   * The run of one fire of a schedule, created {@code running} or found when the fire already has
   * one (a retried activity): the schedule and the fire time are its key.
   *
   * @return the run, and whether this call created it
   */
  public Map.Entry<StoredPipelineRun, Boolean> createRunForFire(long pipelineId, long scheduleId, Instant fireAt) {
    OffsetDateTime at = OffsetDateTime.ofInstant(fireAt, ZoneOffset.UTC);
    Optional<StoredPipelineRun> existing = findRunForFire(scheduleId, at);
    if (existing.isPresent()) {
      return Map.entry(existing.get(), false);
    }
    try {
      StoredPipelineRun created = createRun(pipelineId, scheduleId, at);
      return Map.entry(created, true);
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        return Map.entry(findRunForFire(scheduleId, at).orElseThrow(() -> e), false);
      }
      throw e;
    }
  }

  private Optional<StoredPipelineRun> findRunForFire(long scheduleId, OffsetDateTime at) {
    return db.selectFrom(PIPELINE_RUN)
        .where(PIPELINE_RUN.SCHEDULE_ID.eq(scheduleId).and(PIPELINE_RUN.SCHEDULED_FOR.eq(at)))
        .fetchOptional()
        .map(PipelineRepository::toStoredRun);
  }

  /**
   * Why the pipeline may not run now, if it may not: its {@code depends_on} names a pipeline whose
   * latest run did not succeed (or that has none).
   */
  public Optional<String> dependencyRefusal(StoredPipeline pipeline) {
    if (pipeline.dependsOn() == null) {
      return Optional.empty();
    }
    Optional<StoredPipelineRun> latest = findByName(pipeline.dependsOn()).flatMap(p -> listRuns(p.id(), 1).stream().findFirst());
    if (latest.isPresent() && latest.get().status().equals(PipelineStatus.SUCCEEDED.value())) {
      return Optional.empty();
    }
    return Optional.of(
        "pipeline " + pipeline.name() + " depends on " + pipeline.dependsOn() + ", whose latest run "
            + latest.map(r -> "(" + r.id() + ") is " + r.status()).orElse("does not exist")
            + "; it runs after a successful one");
  }

  public Optional<StoredPipelineRun> findRun(long id) {
    return db.selectFrom(PIPELINE_RUN).where(PIPELINE_RUN.ID.eq(id)).fetchOptional().map(PipelineRepository::toStoredRun);
  }

  public List<StoredPipelineRun> listRuns(long pipelineId, int limit) {
    return db.selectFrom(PIPELINE_RUN)
        .where(PIPELINE_RUN.PIPELINE_ID.eq(pipelineId))
        .orderBy(PIPELINE_RUN.ID.desc())
        .limit(limit)
        .fetch()
        .map(PipelineRepository::toStoredRun);
  }

  /** The run could not start: failed with {@code message}. */
  public void markRunFailed(long id, String message) {
    db.update(PIPELINE_RUN)
        .set(PIPELINE_RUN.STATUS, PipelineStatus.FAILED.value())
        .set(PIPELINE_RUN.MESSAGE, message)
        .set(PIPELINE_RUN.FINISHED_AT, DSL.currentOffsetDateTime())
        .where(PIPELINE_RUN.ID.eq(id))
        .execute();
  }

  /** Writes the snapshot unless a newer revision is stored (projections may arrive out of order). */
  public boolean project(PipelineRunProgress p) {
    return db.update(PIPELINE_RUN)
            .set(PIPELINE_RUN.STATUS, p.status().value())
            .set(PIPELINE_RUN.TASKS, JsonColumns.jsonb(p.tasks()))
            .set(PIPELINE_RUN.MODELS, JsonColumns.jsonb(p.models()))
            .set(PIPELINE_RUN.MESSAGE, p.message())
            .set(PIPELINE_RUN.REVISION, p.revision())
            .set(PIPELINE_RUN.STARTED_AT, at(p.startedAtMillis()))
            .set(PIPELINE_RUN.FINISHED_AT, at(p.finishedAtMillis()))
            .where(PIPELINE_RUN.ID.eq(p.pipelineRunId()).and(PIPELINE_RUN.REVISION.lt(p.revision())))
            .execute()
        == 1;
  }

  /**
   * The training run of one train-task attempt: created with the link in one transaction, or found
   * by the link on a retried call.
   */
  public long taskRun(long pipelineRunId, String taskId, int attempt, NewRun run) {
    Optional<Long> existing = linkedRun(pipelineRunId, taskId, attempt);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return db.transactionResult(
          tx -> {
            long runId = TrainingRunRepository.insert(tx.dsl(), run, null, null);
            tx.dsl().insertInto(PIPELINE_TASK_RUN)
                .set(PIPELINE_TASK_RUN.PIPELINE_RUN_ID, pipelineRunId)
                .set(PIPELINE_TASK_RUN.TASK_ID, taskId)
                .set(PIPELINE_TASK_RUN.ATTEMPT, attempt)
                .set(PIPELINE_TASK_RUN.TRAINING_RUN_ID, runId)
                .execute();
            return runId;
          });
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        return linkedRun(pipelineRunId, taskId, attempt).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private Optional<Long> linkedRun(long pipelineRunId, String taskId, int attempt) {
    return db.select(PIPELINE_TASK_RUN.TRAINING_RUN_ID)
        .from(PIPELINE_TASK_RUN)
        .where(PIPELINE_TASK_RUN.PIPELINE_RUN_ID.eq(pipelineRunId), PIPELINE_TASK_RUN.TASK_ID.eq(taskId), PIPELINE_TASK_RUN.ATTEMPT.eq(attempt))
        .fetchOptional(PIPELINE_TASK_RUN.TRAINING_RUN_ID);
  }

  /** The newest registered version of each named ml model that has one. */
  public Map<String, Integer> latestVersions(List<String> mlModelNames) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    db.select(ML_MODEL.NAME, DSL.max(MODEL_REGISTRY.VERSION))
        .from(MODEL_REGISTRY)
        .join(ML_MODEL).on(ML_MODEL.ID.eq(MODEL_REGISTRY.ML_MODEL_ID))
        .where(ML_MODEL.NAME.in(mlModelNames))
        .groupBy(ML_MODEL.NAME)
        .fetch()
        .forEach(r -> versions.put(r.value1(), r.value2()));
    return versions;
  }

  private static OffsetDateTime at(Long millis) {
    return millis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static StoredPipeline toStored(PipelineRecord r) {
    return new StoredPipeline(
        r.getId(), r.getName(), r.getDescription(), r.getDependsOn(), read(r.getDefinition(), TASKS),
        r.getOnSuccessUrl() == null ? null : new Webhook(r.getOnSuccessUrl()),
        r.getOnFailureUrl() == null ? null : new Webhook(r.getOnFailureUrl()),
        r.getCreatedAt());
  }

  private static StoredPipelineRun toStoredRun(PipelineRunRecord r) {
    return new StoredPipelineRun(
        r.getId(), r.getPipelineId(), r.getStatus(), r.getWorkflowId(), read(r.getTasks(), REPORTS), read(r.getModels(), MODELS),
        r.getMessage(), r.getCreatedAt(), r.getStartedAt(), r.getFinishedAt());
  }

  private static <T> T read(JSONB value, TypeReference<T> type) {
    try {
      return JsonCodec.mapper().readValue(value.data(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
