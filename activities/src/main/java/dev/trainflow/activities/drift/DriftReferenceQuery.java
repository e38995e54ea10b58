package dev.trainflow.activities.drift;

import static dev.trainflow.activities.persistence.jooq.Tables.MODEL_REGISTRY;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Finds the run whose training split is a drift check's reference: the run behind the newest
 * registered model trained on a dataset, or the newest run that read a given version of it.
 */
public final class DriftReferenceQuery {
  private final DSLContext db;

  public DriftReferenceQuery(DSLContext db) {
    this.db = db;
  }

  /** The run of the most recently registered model trained on {@code datasetId}. */
  public Optional<Long> registeredModelRun(long datasetId) {
    return db.select(TRAINING_RUN.ID)
        .from(MODEL_REGISTRY)
        .join(TRAINING_RUN).on(TRAINING_RUN.ID.eq(MODEL_REGISTRY.TRAINING_RUN_ID))
        .where(TRAINING_RUN.DATASET_ID.eq(datasetId))
        .orderBy(MODEL_REGISTRY.CREATED_AT.desc(), MODEL_REGISTRY.ID.desc())
        .limit(1)
        .fetchOptional(TRAINING_RUN.ID);
  }

  /** The newest run that recorded version {@code version} of {@code datasetId}. */
  public Optional<Long> runOfVersion(long datasetId, int version) {
    return db.select(TRAINING_RUN.ID)
        .from(TRAINING_RUN)
        .where(TRAINING_RUN.DATASET_ID.eq(datasetId).and(TRAINING_RUN.DATASET_VERSION.eq(version)))
        .orderBy(TRAINING_RUN.ID.desc())
        .limit(1)
        .fetchOptional(TRAINING_RUN.ID);
  }
}
