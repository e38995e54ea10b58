package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.persistence.jooq.tables.records.TrainingRunRecord;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.StageOutputs;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingStats;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.RunKind;
import dev.trainflow.workflows.spec.TrainingParams;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

public class TrainingRunRepository {
  private static final TypeReference<List<StageDetailView>> STAGES = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> ARTIFACTS = new TypeReference<>() {};

  private final DSLContext db;

  public TrainingRunRepository(DSLContext db) {
    this.db = db;
  }

  /** Inserts the run with the next run number of its ml model (see {@link #insert}). */
  public StoredRun create(NewRun run) {
    long id = db.transactionResult(tx -> insert(tx.dsl(), run, null, null));
    return find(id).orElseThrow();
  }

  /**
   * The run of one schedule fire, created on the first call and found on every later one (the
   * schedule and the fire time are unique together), so a retried activity never adds a run.
   */
  public ScheduledRunSlot createForFire(NewRun run, long scheduleId, Instant fireAt) {
    OffsetDateTime at = OffsetDateTime.ofInstant(fireAt, ZoneOffset.UTC);
    Optional<StoredRun> existing = findForFire(scheduleId, at);
    if (existing.isPresent()) {
      return new ScheduledRunSlot(existing.get(), false);
    }
    try {
      long id = db.transactionResult(tx -> insert(tx.dsl(), run, scheduleId, at));
      return new ScheduledRunSlot(find(id).orElseThrow(), true);
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        return new ScheduledRunSlot(findForFire(scheduleId, at).orElseThrow(() -> e), false);
      }
      throw e;
    }
  }

  /** A schedule's runs, newest fire first. */
  public List<StoredRun> listForSchedule(long scheduleId, int limit) {
    return select()
        .where(TRAINING_RUN.SCHEDULE_ID.eq(scheduleId))
        .orderBy(TRAINING_RUN.SCHEDULED_FOR.desc().nullsLast(), TRAINING_RUN.ID.desc())
        .limit(limit)
        .fetch()
        .map(TrainingRunRepository::toStored);
  }

  /**
   * Cancels the schedule's runs still {@code scheduled}: reserved for a fire that will not come.
   *
   * @return how many were cancelled
   */
  public int cancelReserved(long scheduleId, String reason) {
    return db.update(TRAINING_RUN)
        .set(TRAINING_RUN.STATUS, RunStatus.CANCELLED.value())
        .set(TRAINING_RUN.ERROR_MESSAGE, "cancelled before it started: " + reason)
        .set(TRAINING_RUN.COMPLETED_AT, DSL.currentOffsetDateTime())
        .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(TRAINING_RUN.SCHEDULE_ID.eq(scheduleId))
        .and(TRAINING_RUN.STATUS.eq(RunStatus.SCHEDULED.value()))
        .execute();
  }

  private Optional<StoredRun> findForFire(long scheduleId, OffsetDateTime at) {
    return select()
        .where(TRAINING_RUN.SCHEDULE_ID.eq(scheduleId))
        .and(TRAINING_RUN.SCHEDULED_FOR.eq(at))
        .fetchOptional()
        .map(TrainingRunRepository::toStored);
  }

  /**
   * Inserts the run in the caller's transaction, creating its ml model on first use, with the next
   * run number of that model. The ml model row is locked for the insert, so concurrent creates
   * number their runs 1, 2, 3.
   */
  static long insert(DSLContext t, NewRun run, Long scheduleId, OffsetDateTime scheduledFor) {
    t.insertInto(ML_MODEL)
        .set(ML_MODEL.NAME, run.mlModelName())
        .set(ML_MODEL.MODEL_TYPE, run.modelType())
        .onConflict(ML_MODEL.NAME)
        .doNothing()
        .execute();
    long modelId =
        t.select(ML_MODEL.ID).from(ML_MODEL).where(ML_MODEL.NAME.eq(run.mlModelName())).forUpdate()
            .fetchOne(ML_MODEL.ID);
    int runNumber =
        t.select(DSL.coalesce(DSL.max(TRAINING_RUN.RUN_NUMBER), 0))
                .from(TRAINING_RUN)
                .where(TRAINING_RUN.ML_MODEL_ID.eq(modelId))
                .fetchOne(0, Integer.class)
            + 1;
    TrainingRunRecord inserted =
        t.insertInto(TRAINING_RUN)
            .set(TRAINING_RUN.NAME, run.name())
            .set(TRAINING_RUN.DESCRIPTION, run.description())
            .set(TRAINING_RUN.ML_MODEL_ID, modelId)
            .set(TRAINING_RUN.RUN_NUMBER, runNumber)
            .set(TRAINING_RUN.MODEL_TYPE, run.modelType())
            .set(TRAINING_RUN.DATASET_ID, run.datasetId())
            .set(TRAINING_RUN.FEATURE_CONFIG_ID, run.featureConfigId())
            .set(TRAINING_RUN.MODEL_CONFIG_ID, run.modelConfigId())
            .set(TRAINING_RUN.TRAINING_PARAMS, JsonColumns.jsonb(run.trainingParams()))
            .set(TRAINING_RUN.GPU_CONFIG, JsonColumns.jsonb(run.gpuConfig()))
            .set(TRAINING_RUN.EVALUATOR_CONFIG, JsonColumns.jsonb(run.evaluatorConfig()))
            .set(TRAINING_RUN.DEPLOYMENT_CONFIG, JsonColumns.jsonb(run.deploymentConfig()))
            .set(TRAINING_RUN.STATUS, run.status().value())
            .set(TRAINING_RUN.TOTAL_EPOCHS, run.trainingParams().epochs() != null ? run.trainingParams().epochs() : 0)
            .set(TRAINING_RUN.RUN_KIND, run.runKind() != null ? run.runKind() : RunKind.TRAINING)
            .set(TRAINING_RUN.BASE_EXPERIMENT_ID, run.baseExperimentId())
            .set(TRAINING_RUN.SCHEDULE_ID, scheduleId)
            .set(TRAINING_RUN.SCHEDULED_FOR, scheduledFor)
            .returning(TRAINING_RUN.ID)
            .fetchOne();
    long runId = inserted.getId();
    t.update(TRAINING_RUN)
        .set(TRAINING_RUN.WORKFLOW_ID, TrainingRunInput.workflowId(runId))
        .where(TRAINING_RUN.ID.eq(runId))
        .execute();
    return runId;
  }

  public Optional<StoredRun> find(long id) {
    return select().where(TRAINING_RUN.ID.eq(id)).fetchOptional().map(TrainingRunRepository::toStored);
  }

  public RunPage list(RunFilter filter) {
    List<Condition> conditions = new ArrayList<>();
    if (filter.status() != null) {
      conditions.add(TRAINING_RUN.STATUS.eq(filter.status()));
    }
    if (filter.modelType() != null) {
      conditions.add(TRAINING_RUN.MODEL_TYPE.eq(filter.modelType()));
    }
    if (filter.runKind() != null) {
      conditions.add(TRAINING_RUN.RUN_KIND.eq(filter.runKind()));
    }
    if (filter.search() != null && !filter.search().isBlank()) {
      String like = "%" + filter.search().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      conditions.add(
          TRAINING_RUN.NAME.likeIgnoreCase(like, '\\')
              .or(TRAINING_RUN.DESCRIPTION.likeIgnoreCase(like, '\\'))
              .or(ML_MODEL.NAME.likeIgnoreCase(like, '\\')));
    }
    Condition where = DSL.and(conditions);
    long total =
        db.selectCount().from(TRAINING_RUN).join(ML_MODEL).on(ML_MODEL.ID.eq(TRAINING_RUN.ML_MODEL_ID))
            .where(where).fetchOne(0, Long.class);
    List<StoredRun> items =
        select()
            .where(where)
            .orderBy(TRAINING_RUN.ID.desc())
            .limit(filter.size())
            .offset((long) filter.page() * filter.size())
            .fetch()
            .map(TrainingRunRepository::toStored);
    return new RunPage(items, total, filter.page(), filter.size());
  }

  /**
   * Completed experiments of {@code modelType}, best first by the type's primary metric: test
   * recall@100 (higher is better) for retrieval and multitask, test RMSE (lower is better) for
   * ranking. Experiments without that metric come last; ties go to the newer experiment.
   */
  public List<ExperimentSummary> topExperiments(String modelType, int limit) {
    boolean ranking = ModelConfig.RANKING.equals(modelType);
    var metric = ranking ? TRAINING_RUN.RMSE : TRAINING_RUN.RECALL_AT_100;
    return db.select(TRAINING_RUN.fields())
        .from(TRAINING_RUN)
        .where(TRAINING_RUN.RUN_KIND.eq(RunKind.EXPERIMENT))
        .and(TRAINING_RUN.STATUS.eq(RunStatus.COMPLETED.value()))
        .and(TRAINING_RUN.MODEL_TYPE.eq(modelType))
        .orderBy((ranking ? metric.asc() : metric.desc()).nullsLast(), TRAINING_RUN.ID.desc())
        .limit(limit)
        .fetch()
        .map(
            rec -> {
              TrainingRunRecord r = rec.into(TRAINING_RUN);
              return new ExperimentSummary(
                  r.getId(),
                  r.getName(),
                  r.getModelType(),
                  r.getDatasetId(),
                  r.getFeatureConfigId(),
                  r.getModelConfigId(),
                  JsonColumns.read(r.getTrainingParams(), TrainingParams.class),
                  ranking ? "rmse" : "recall_at_100",
                  ranking ? r.getRmse() : r.getRecallAt_100(),
                  r.getRecallAt_100(),
                  r.getRmse(),
                  r.getCompletedAt());
            });
  }

  public void markSubmitted(long id) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.STATUS, RunStatus.SUBMITTING.value())
        .set(TRAINING_RUN.SUBMITTED_AT, DSL.currentOffsetDateTime())
        .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(TRAINING_RUN.ID.eq(id))
        .execute();
  }

  /** The workflow could not be started: the run is failed before any stage ran. */
  public void markStartFailed(long id, String message) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.STATUS, RunStatus.FAILED.value())
        .set(TRAINING_RUN.ERROR_MESSAGE, message)
        .set(TRAINING_RUN.ERROR_STAGE, (String) null)
        .set(TRAINING_RUN.COMPLETED_AT, DSL.currentOffsetDateTime())
        .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(TRAINING_RUN.ID.eq(id))
        .execute();
  }

  /** A run cancelled before its workflow started: nothing ran, nothing to stop. */
  public void markCancelledBeforeStart(long id, String reason) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.STATUS, RunStatus.CANCELLED.value())
        .set(TRAINING_RUN.ERROR_MESSAGE, "cancelled before it started: " + reason)
        .set(TRAINING_RUN.COMPLETED_AT, DSL.currentOffsetDateTime())
        .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(TRAINING_RUN.ID.eq(id))
        .execute();
  }

  /**
   * Fails every run whose workflow was still going, with {@code message}: for the embedded
   * Temporal server, which forgets its workflows when the process stops.
   *
   * @return how many runs were marked
   */
  public int failUnfinished(String message) {
    return db.update(TRAINING_RUN)
        .set(TRAINING_RUN.STATUS, RunStatus.FAILED.value())
        .set(TRAINING_RUN.ERROR_MESSAGE, message)
        .set(TRAINING_RUN.ERROR_DETAILS, JsonColumns.jsonb(Map.of("reason", "worker_lost")))
        .set(TRAINING_RUN.COMPLETED_AT, DSL.currentOffsetDateTime())
        .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(
            TRAINING_RUN.STATUS.in(
                RunStatus.SUBMITTING.value(), RunStatus.RUNNING.value(), RunStatus.NOT_BLESSED.value()))
        .and(TRAINING_RUN.COMPLETED_AT.isNull())
        .execute();
  }

  public boolean delete(long id) {
    return db.deleteFrom(TRAINING_RUN).where(TRAINING_RUN.ID.eq(id)).execute() > 0;
  }

  /** Overwrites the run's progress columns with the workflow's snapshot: idempotent. */
  static void project(DSLContext db, RunProgress p) {
    UpdateSetMoreStep<TrainingRunRecord> update =
        db.update(TRAINING_RUN)
            .set(TRAINING_RUN.STATUS, p.status().value())
            .set(TRAINING_RUN.CURRENT_STAGE, p.currentStage() == null ? null : p.currentStage().value())
            .set(TRAINING_RUN.CURRENT_EPOCH, p.currentEpoch())
            .set(TRAINING_RUN.TOTAL_EPOCHS, p.totalEpochs())
            .set(TRAINING_RUN.PROGRESS_PERCENT, p.progressPercent())
            .set(TRAINING_RUN.STAGE_DETAILS, JsonColumns.jsonb(p.stages().stream().map(StageDetailView::of).toList()))
            .set(TRAINING_RUN.ARTIFACTS, JsonColumns.jsonb(p.artifacts()))
            .set(TRAINING_RUN.CONFIG_SHA256, p.configSha256())
            .set(TRAINING_RUN.DATASET_VERSION, p.datasetVersion())
            .set(TRAINING_RUN.ERROR_MESSAGE, p.errorMessage())
            .set(TRAINING_RUN.ERROR_STAGE, p.errorStage() == null ? null : p.errorStage().value())
            .set(
                TRAINING_RUN.ERROR_DETAILS,
                p.errorReason() == null
                    ? null
                    : JsonColumns.jsonb(errorDetails(p)))
            .set(TRAINING_RUN.STARTED_AT, time(p.startedAtMillis()))
            .set(TRAINING_RUN.COMPLETED_AT, time(p.finishedAtMillis()))
            .set(
                TRAINING_RUN.DURATION_SECONDS,
                p.startedAtMillis() == null || p.finishedAtMillis() == null
                    ? null
                    : (p.finishedAtMillis() - p.startedAtMillis()) / 1000.0)
            .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime());
    EpochMetrics epoch = p.latestEpoch();
    if (epoch != null) {
      update =
          update
              .set(TRAINING_RUN.LOSS, epoch.trainLoss())
              .set(TRAINING_RUN.VALIDATION_LOSS, epoch.validationLoss())
              .set(TRAINING_RUN.RECALL_AT_5, epoch.recallAt5())
              .set(TRAINING_RUN.RECALL_AT_10, epoch.recallAt10())
              .set(TRAINING_RUN.RECALL_AT_50, epoch.recallAt50())
              .set(TRAINING_RUN.RECALL_AT_100, epoch.recallAt100())
              .set(TRAINING_RUN.RMSE, epoch.rmse())
              .set(TRAINING_RUN.MAE, epoch.mae());
    }
    EvaluationResult evaluation = p.evaluation();
    if (evaluation != null) {
      // Once evaluated, the run's metrics are the test split's, not the last epoch's validation.
      Map<String, Double> m = evaluation.metrics();
      update =
          update
              .set(TRAINING_RUN.RECALL_AT_5, m.get("recall_at_5"))
              .set(TRAINING_RUN.RECALL_AT_10, m.get("recall_at_10"))
              .set(TRAINING_RUN.RECALL_AT_50, m.get("recall_at_50"))
              .set(TRAINING_RUN.RECALL_AT_100, m.get("recall_at_100"))
              .set(TRAINING_RUN.RMSE, m.get("rmse"))
              .set(TRAINING_RUN.MAE, m.get("mae"))
              .set(TRAINING_RUN.IS_BLESSED, evaluation.blessed())
              .set(TRAINING_RUN.EVALUATION_RESULTS, JsonColumns.jsonb(evaluation))
              .set(TRAINING_RUN.COMPARISON, JsonColumns.jsonb(comparison(db, p.runId(), evaluation)));
      TrainingMetricsRepository.upsertTest(db, p.runId(), testMetrics(evaluation, p));
    }
    if (p.registration() != null) {
      update =
          update
              .set(TRAINING_RUN.REGISTERED_MODEL_ID, p.registration().registryEntryId())
              .set(TRAINING_RUN.REGISTERED_MODEL_VERSION, p.registration().modelVersion())
              .set(TRAINING_RUN.MODEL_ARTIFACT_URI, p.registration().modelUri());
    } else if (p.artifacts().containsKey("model")) {
      update = update.set(TRAINING_RUN.MODEL_ARTIFACT_URI, p.artifacts().get("model"));
    }
    if (p.deployment() != null) {
      update =
          update
              .set(TRAINING_RUN.DEPLOYMENT_STATUS, p.deployment().status())
              .set(TRAINING_RUN.ENDPOINT_ID, p.deployment().endpointId())
              .set(TRAINING_RUN.ENDPOINT_URL, p.deployment().endpointUrl());
    }
    TrainingStats training = p.training();
    if (training != null) {
      update =
          update
              .set(TRAINING_RUN.ATTEMPTS, training.attempts())
              .set(TRAINING_RUN.PREEMPTIONS, training.preemptions())
              .set(TRAINING_RUN.RETRY_HISTORY, JsonColumns.jsonb(training.retries()))
              .set(TRAINING_RUN.COST_USD, training.costUsd())
              .set(TRAINING_RUN.GPU_SECONDS_TRAINED, training.gpuSecondsTrained())
              .set(TRAINING_RUN.GPU_SECONDS_LOST, training.gpuSecondsLost())
              .set(TRAINING_RUN.QUEUE_DELAY_SECONDS, training.queueDelaySeconds())
              .set(TRAINING_RUN.CAPACITY, JsonColumns.jsonb(training.capacity()))
              .set(TRAINING_RUN.WORKER_IDENTITY, training.workerIdentity());
    }
    if (p.outputs() != null && p.outputs().compiled() != null) {
      update = update.set(TRAINING_RUN.STAGE_OUTPUTS, JsonColumns.jsonb(p.outputs()));
    }
    if (p.status() == RunStatus.CANCELLED) {
      update =
          update
              .set(TRAINING_RUN.CANCELLED_AT_STAGE, p.currentStage() == null ? null : p.currentStage().value())
              .set(TRAINING_RUN.CANCELLED_AT_EPOCH, p.currentEpoch());
    }
    update.where(TRAINING_RUN.ID.eq(p.runId())).execute();
  }

  /** The run's comparison with its base experiment on the run's blessing metric; null without one. */
  private static ExperimentComparison comparison(DSLContext db, long runId, EvaluationResult evaluation) {
    Long experimentId =
        db.select(TRAINING_RUN.BASE_EXPERIMENT_ID).from(TRAINING_RUN).where(TRAINING_RUN.ID.eq(runId)).fetchOne(0, Long.class);
    if (experimentId == null) {
      return null;
    }
    Record experiment =
        db.select(TRAINING_RUN.NAME, TRAINING_RUN.EVALUATION_RESULTS)
            .from(TRAINING_RUN)
            .where(TRAINING_RUN.ID.eq(experimentId))
            .fetchOne();
    if (experiment == null) {
      return null;
    }
    JSONB results = experiment.get(TRAINING_RUN.EVALUATION_RESULTS);
    EvaluationResult before = results == null ? null : JsonColumns.read(results, EvaluationResult.class);
    Double experimentValue = before == null || before.metrics() == null ? null : before.metrics().get(evaluation.metric());
    Double delta = experimentValue == null ? null : evaluation.value() - experimentValue;
    Boolean better =
        delta == null ? null : EvaluatorConfig.lowerIsBetter(evaluation.metric()) ? delta < 0 : delta > 0;
    return new ExperimentComparison(
        experimentId, experiment.get(TRAINING_RUN.NAME), evaluation.metric(), experimentValue, evaluation.value(), delta, better);
  }

  private static TestSplitMetrics testMetrics(EvaluationResult e, RunProgress p) {
    Map<String, Double> m = e.metrics();
    int epoch = e.modelEpoch() != null ? e.modelEpoch() : p.currentEpoch();
    return new TestSplitMetrics(
        epoch, m.get("loss"), m.get("recall_at_5"), m.get("recall_at_10"), m.get("recall_at_50"), m.get("recall_at_100"),
        m.get("rmse"), m.get("mae"));
  }

  private static Map<String, Object> errorDetails(RunProgress p) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", p.errorReason());
    details.put("stage", p.errorStage() == null ? null : p.errorStage().value());
    p.stages().stream()
        .filter(s -> s.stage() == p.errorStage())
        .findFirst()
        .ifPresent(s -> details.put("attempt", s.attempt()));
    return details;
  }

  private org.jooq.SelectOnConditionStep<Record> select() {
    return db.select(TRAINING_RUN.fields())
        .select(ML_MODEL.NAME)
        .from(TRAINING_RUN)
        .join(ML_MODEL)
        .on(ML_MODEL.ID.eq(TRAINING_RUN.ML_MODEL_ID));
  }

  private static OffsetDateTime time(Long millis) {
    return millis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static StoredRun toStored(Record rec) {
    TrainingRunRecord r = rec.into(TRAINING_RUN);
    return new StoredRun(
        r.getId(),
        r.getName(),
        r.getDescription(),
        r.getMlModelId(),
        rec.get(ML_MODEL.NAME),
        r.getRunNumber(),
        r.getModelType(),
        r.getDatasetId(),
        r.getDatasetVersion(),
        r.getFeatureConfigId(),
        r.getModelConfigId(),
        JsonColumns.read(r.getTrainingParams(), TrainingParams.class),
        JsonColumns.read(r.getGpuConfig(), GpuConfig.class),
        JsonColumns.read(r.getEvaluatorConfig(), EvaluatorConfig.class),
        JsonColumns.read(r.getDeploymentConfig(), DeploymentConfig.class),
        r.getStatus(),
        r.getWorkflowId(),
        r.getCurrentStage(),
        r.getCurrentEpoch(),
        r.getTotalEpochs(),
        r.getProgressPercent(),
        read(r.getStageDetails() == null ? null : r.getStageDetails().data(), STAGES),
        r.getLoss(),
        r.getValidationLoss(),
        r.getRecallAt_5(),
        r.getRecallAt_10(),
        r.getRecallAt_50(),
        r.getRecallAt_100(),
        r.getRmse(),
        r.getMae(),
        r.getIsBlessed(),
        tree(r.getEvaluationResults() == null ? null : r.getEvaluationResults().data()),
        r.getRegisteredModelId(),
        r.getRegisteredModelVersion(),
        r.getModelArtifactUri(),
        r.getDeploymentStatus(),
        r.getEndpointId(),
        r.getEndpointUrl(),
        read(r.getArtifacts() == null ? null : r.getArtifacts().data(), ARTIFACTS),
        r.getConfigSha256(),
        r.getErrorMessage(),
        r.getErrorStage(),
        tree(r.getErrorDetails() == null ? null : r.getErrorDetails().data()),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getSubmittedAt(),
        r.getStartedAt(),
        r.getCompletedAt(),
        r.getDurationSeconds(),
        r.getAttempts(),
        r.getPreemptions(),
        tree(r.getRetryHistory() == null ? null : r.getRetryHistory().data()),
        r.getCostUsd(),
        r.getGpuSecondsTrained(),
        r.getGpuSecondsLost(),
        r.getQueueDelaySeconds(),
        tree(r.getCapacity() == null ? null : r.getCapacity().data()),
        r.getWorkerIdentity(),
        r.getCancelledAtStage(),
        r.getCancelledAtEpoch(),
        r.getScheduleId(),
        r.getScheduledFor(),
        r.getRunKind(),
        r.getBaseExperimentId(),
        tree(r.getComparison() == null ? null : r.getComparison().data()));
  }

  /**
   * Whether the ml model is blocked: its last {@code failures} finished runs all failed within the
   * last 24 hours, and an admin has not cleared the block since.
   */
  public boolean blockedByFailures(String mlModelName, int failures) {
    var model = db.selectFrom(ML_MODEL).where(ML_MODEL.NAME.eq(mlModelName)).fetchOptional();
    if (model.isEmpty()) {
      return false;
    }
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(24);
    OffsetDateTime cleared = model.get().getBlockClearedAt();
    if (cleared != null && cleared.isAfter(since)) {
      since = cleared;
    }
    var last =
        db.select(TRAINING_RUN.STATUS, TRAINING_RUN.COMPLETED_AT)
            .from(TRAINING_RUN)
            .where(TRAINING_RUN.ML_MODEL_ID.eq(model.get().getId()))
            .and(TRAINING_RUN.COMPLETED_AT.isNotNull())
            .and(TRAINING_RUN.STATUS.in(
                RunStatus.COMPLETED.value(), RunStatus.FAILED.value(), RunStatus.CANCELLED.value(),
                RunStatus.NOT_BLESSED.value()))
            .orderBy(TRAINING_RUN.COMPLETED_AT.desc())
            .limit(failures)
            .fetch();
    OffsetDateTime after = since;
    return last.size() == failures
        && last.stream()
            .allMatch(r -> RunStatus.FAILED.value().equals(r.value1()) && r.value2().isAfter(after));
  }

  public Optional<Long> mlModelId(String mlModelName) {
    return db.select(ML_MODEL.ID).from(ML_MODEL).where(ML_MODEL.NAME.eq(mlModelName)).fetchOptional(ML_MODEL.ID);
  }

  /** Clears a failure block: failures before now no longer count. */
  public boolean clearBlock(String mlModelName) {
    return db.update(ML_MODEL)
            .set(ML_MODEL.BLOCK_CLEARED_AT, DSL.currentOffsetDateTime())
            .set(ML_MODEL.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(ML_MODEL.NAME.eq(mlModelName))
            .execute()
        > 0;
  }

  /** The stage outputs the run's workflow recorded, for a retry to reuse. */
  public Optional<StageOutputs> stageOutputs(long id) {
    return db.select(TRAINING_RUN.STAGE_OUTPUTS)
        .from(TRAINING_RUN)
        .where(TRAINING_RUN.ID.eq(id))
        .fetchOptional(TRAINING_RUN.STAGE_OUTPUTS)
        .map(json -> JsonColumns.read(json, StageOutputs.class));
  }

  /** Puts a failed or cancelled run back in flight for a retry. */
  public void markRetrying(long id) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.STATUS, RunStatus.SUBMITTING.value())
        .set(TRAINING_RUN.ERROR_MESSAGE, (String) null)
        .set(TRAINING_RUN.ERROR_STAGE, (String) null)
        .set(TRAINING_RUN.ERROR_DETAILS, (org.jooq.JSONB) null)
        .set(TRAINING_RUN.COMPLETED_AT, (OffsetDateTime) null)
        .set(TRAINING_RUN.CANCELLED_AT_STAGE, (String) null)
        .set(TRAINING_RUN.CANCELLED_AT_EPOCH, (Integer) null)
        .set(TRAINING_RUN.SUBMITTED_AT, DSL.currentOffsetDateTime())
        .set(TRAINING_RUN.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(TRAINING_RUN.ID.eq(id))
        .execute();
  }

  private static <T> T read(String json, TypeReference<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return JsonCodec.mapper().readValue(json, type);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JsonCodec.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
