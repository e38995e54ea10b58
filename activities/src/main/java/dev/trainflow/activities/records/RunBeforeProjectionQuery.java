package dev.trainflow.activities.records;

import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** One narrow read by primary key: no JSON leaves the database but the retry count. */
public final class RunBeforeProjectionQuery {
  private static final Field<Integer> RETRIES =
      DSL.field("coalesce(jsonb_array_length({0}), 0)", Integer.class, TRAINING_RUN.RETRY_HISTORY);

  private final DSLContext db;

  public RunBeforeProjectionQuery(DSLContext db) {
    this.db = db;
  }

  public Optional<RunBeforeProjection> find(long runId) {
    return db.select(
            TRAINING_RUN.ID,
            TRAINING_RUN.WORKFLOW_ID,
            ML_MODEL.NAME,
            TRAINING_RUN.MODEL_TYPE,
            TRAINING_RUN.DATASET_ID,
            TRAINING_RUN.FEATURE_CONFIG_ID,
            TRAINING_RUN.MODEL_CONFIG_ID,
            TRAINING_RUN.STATUS,
            TRAINING_RUN.CURRENT_EPOCH,
            TRAINING_RUN.ATTEMPTS,
            RETRIES,
            TRAINING_RUN.QUEUE_DELAY_SECONDS,
            TRAINING_RUN.COST_USD,
            TRAINING_RUN.GPU_SECONDS_TRAINED,
            TRAINING_RUN.GPU_SECONDS_LOST,
            TRAINING_RUN.STARTED_AT,
            TRAINING_RUN.COMPLETED_AT)
        .from(TRAINING_RUN)
        .join(ML_MODEL)
        .on(ML_MODEL.ID.eq(TRAINING_RUN.ML_MODEL_ID))
        .where(TRAINING_RUN.ID.eq(runId))
        .fetchOptional(
            r -> new RunBeforeProjection(
                r.get(TRAINING_RUN.ID),
                r.get(TRAINING_RUN.WORKFLOW_ID),
                r.get(ML_MODEL.NAME),
                r.get(TRAINING_RUN.MODEL_TYPE),
                r.get(TRAINING_RUN.DATASET_ID),
                r.get(TRAINING_RUN.FEATURE_CONFIG_ID),
                r.get(TRAINING_RUN.MODEL_CONFIG_ID),
                r.get(TRAINING_RUN.STATUS),
                r.get(TRAINING_RUN.CURRENT_EPOCH),
                r.get(TRAINING_RUN.ATTEMPTS),
                r.get(RETRIES),
                r.get(TRAINING_RUN.QUEUE_DELAY_SECONDS),
                r.get(TRAINING_RUN.COST_USD),
                r.get(TRAINING_RUN.GPU_SECONDS_TRAINED),
                r.get(TRAINING_RUN.GPU_SECONDS_LOST),
                r.get(TRAINING_RUN.STARTED_AT),
                r.get(TRAINING_RUN.COMPLETED_AT)));
  }
}
