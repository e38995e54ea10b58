package dev.trainflow.activities.observability;

import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_METRICS_HISTORY;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.workflows.run.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** What the gauges read from PostgreSQL: the same for every api replica, whichever ran what. */
public final class RunningRunsQuery {
  private final DSLContext db;

  public RunningRunsQuery(DSLContext db) {
    this.db = db;
  }

  /** Runs per status, every status present (0 when none). */
  public Map<String, Long> countsByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RunStatus status : RunStatus.values()) {
      counts.put(status.value(), 0L);
    }
    db.select(TRAINING_RUN.STATUS, DSL.count())
        .from(TRAINING_RUN)
        .groupBy(TRAINING_RUN.STATUS)
        .fetch()
        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
    return counts;
  }

  /** Runs that are submitting or running (not those waiting for a push-anyway). */
  public List<RunningRun> running() {
    Field<OffsetDateTime> lastEpochAt =
        DSL.field(
            DSL.select(DSL.max(TRAINING_METRICS_HISTORY.RECORDED_AT))
                .from(TRAINING_METRICS_HISTORY)
                .where(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID.eq(TRAINING_RUN.ID)))
            .as("last_epoch_at");
    return db.select(
            TRAINING_RUN.ID,
            ML_MODEL.NAME,
            TRAINING_RUN.WORKFLOW_ID,
            TRAINING_RUN.CURRENT_STAGE,
            TRAINING_RUN.CURRENT_EPOCH,
            TRAINING_RUN.TOTAL_EPOCHS,
            TRAINING_RUN.PROGRESS_PERCENT,
            TRAINING_RUN.STARTED_AT,
            TRAINING_RUN.SUBMITTED_AT,
            TRAINING_RUN.STAGE_DETAILS,
            TRAINING_RUN.COST_USD,
            TRAINING_RUN.TRAINING_PARAMS,
            TRAINING_RUN.LOSS,
            TRAINING_RUN.VALIDATION_LOSS,
            lastEpochAt)
        .from(TRAINING_RUN)
        .join(ML_MODEL)
        .on(ML_MODEL.ID.eq(TRAINING_RUN.ML_MODEL_ID))
        .where(TRAINING_RUN.STATUS.in(RunStatus.SUBMITTING.value(), RunStatus.RUNNING.value()))
        .orderBy(TRAINING_RUN.ID)
        .fetch(r -> toRunning(r, r.get(lastEpochAt)));
  }

  private static RunningRun toRunning(Record r, OffsetDateTime lastEpochAt) {
    JsonNode params = tree(r.get(TRAINING_RUN.TRAINING_PARAMS));
    String stage = r.get(TRAINING_RUN.CURRENT_STAGE);
    Instant stageStarted = stageStartedAt(tree(r.get(TRAINING_RUN.STAGE_DETAILS)), stage);
    Instant lastEpoch = lastEpochAt == null ? null : lastEpochAt.toInstant();
    Instant started = instant(r.get(TRAINING_RUN.STARTED_AT));
    Instant lastProgress = latest(latest(lastEpoch, stageStarted), started != null ? started : instant(r.get(TRAINING_RUN.SUBMITTED_AT)));
    return new RunningRun(
        r.get(TRAINING_RUN.ID),
        r.get(ML_MODEL.NAME),
        r.get(TRAINING_RUN.WORKFLOW_ID),
        stage,
        r.get(TRAINING_RUN.CURRENT_EPOCH),
        r.get(TRAINING_RUN.TOTAL_EPOCHS),
        r.get(TRAINING_RUN.PROGRESS_PERCENT),
        started,
        lastProgress,
        r.get(TRAINING_RUN.COST_USD),
        params.path("max_cost_usd").isNumber() ? params.get("max_cost_usd").asDouble() : null,
        params.path("max_runtime_minutes").isNumber() ? params.get("max_runtime_minutes").asInt() : null,
        r.get(TRAINING_RUN.LOSS),
        r.get(TRAINING_RUN.VALIDATION_LOSS));
  }

  private static Instant stageStartedAt(JsonNode stages, String stage) {
    if (stage == null) {
      return null;
    }
    for (JsonNode s : stages) {
      if (stage.equals(s.path("stage").asText()) && s.path("started_at").isTextual()) {
        return Instant.parse(s.get("started_at").asText());
      }
    }
    return null;
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static JsonNode tree(JSONB json) {
    try {
      return json == null ? JsonCodec.mapper().missingNode() : JsonCodec.mapper().readTree(json.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
