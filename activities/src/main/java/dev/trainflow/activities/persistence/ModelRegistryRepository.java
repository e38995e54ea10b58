package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.MODEL_REGISTRY;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.persistence.jooq.tables.records.ModelRegistryRecord;
import dev.trainflow.workflows.activities.RegistrationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The local model registry: versions per ml model, one entry per run at most. */
public class ModelRegistryRepository {
  private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final DSLContext db;

  public ModelRegistryRepository(DSLContext db) {
    this.db = db;
  }

  /**
   * Registers the run's model as the next version of its ml model; a second call for the same run
   * returns the first entry (a retried activity never registers twice).
   */
  public RegistryEntry register(RegistrationRequest request) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          t.selectFrom(ML_MODEL).where(ML_MODEL.ID.eq(request.mlModelId())).forUpdate().fetchOptional()
              .orElseThrow(() -> new IllegalArgumentException("no ml model " + request.mlModelId()));
          Optional<ModelRegistryRecord> existing =
              t.selectFrom(MODEL_REGISTRY).where(MODEL_REGISTRY.TRAINING_RUN_ID.eq(request.runId())).fetchOptional();
          if (existing.isPresent()) {
            return toEntry(existing.get());
          }
          int version =
              t.select(DSL.coalesce(DSL.max(MODEL_REGISTRY.VERSION), 0))
                      .from(MODEL_REGISTRY)
                      .where(MODEL_REGISTRY.ML_MODEL_ID.eq(request.mlModelId()))
                      .fetchOne(0, Integer.class)
                  + 1;
          // lineage is copied from the run now, so it outlives the run's deletion
          var lineage =
              t.select(TRAINING_RUN.DATASET_ID, TRAINING_RUN.DATASET_VERSION, TRAINING_RUN.CONFIG_SHA256)
                  .from(TRAINING_RUN)
                  .where(TRAINING_RUN.ID.eq(request.runId()))
                  .fetchOptional();
          return toEntry(
              t.insertInto(MODEL_REGISTRY)
                  .set(MODEL_REGISTRY.ML_MODEL_ID, request.mlModelId())
                  .set(MODEL_REGISTRY.VERSION, version)
                  .set(MODEL_REGISTRY.TRAINING_RUN_ID, request.runId())
                  .set(MODEL_REGISTRY.MODEL_TYPE, request.modelType())
                  .set(MODEL_REGISTRY.ARTIFACT_URI, request.modelUri())
                  .set(MODEL_REGISTRY.IS_BLESSED, request.blessed())
                  .set(MODEL_REGISTRY.PUSHED_ANYWAY, request.pushedAnyway())
                  .set(MODEL_REGISTRY.METRICS, JsonColumns.jsonb(request.metrics()))
                  .set(MODEL_REGISTRY.LABELS, JsonColumns.jsonb(request.labels()))
                  .set(MODEL_REGISTRY.DATASET_ID, lineage.map(r -> r.value1()).orElse(null))
                  .set(MODEL_REGISTRY.DATASET_VERSION, lineage.map(r -> r.value2()).orElse(null))
                  .set(MODEL_REGISTRY.CONFIG_SHA256, lineage.map(r -> r.value3()).orElse(null))
                  .returning()
                  .fetchOne());
        });
  }

  /**
   * Adds (or replaces) labels of an entry, e.g. the Vertex AI model version it was uploaded as;
   * the other labels stay.
   */
  public RegistryEntry addLabels(long entryId, Map<String, String> labels) {
    ModelRegistryRecord updated =
        db.update(MODEL_REGISTRY)
            .set(MODEL_REGISTRY.LABELS, DSL.field("{0} || {1}", MODEL_REGISTRY.LABELS.getDataType(), MODEL_REGISTRY.LABELS,
                DSL.val(JsonColumns.jsonb(labels), MODEL_REGISTRY.LABELS.getDataType())))
            .where(MODEL_REGISTRY.ID.eq(entryId))
            .returning()
            .fetchOne();
    if (updated == null) {
      throw new IllegalArgumentException("no registry entry " + entryId);
    }
    return toEntry(updated);
  }

  public Optional<RegistryEntry> findByRun(long runId) {
    return db.selectFrom(MODEL_REGISTRY).where(MODEL_REGISTRY.TRAINING_RUN_ID.eq(runId)).fetchOptional()
        .map(ModelRegistryRepository::toEntry);
  }

  /** The ml model's name. */
  public String modelName(long mlModelId) {
    return db.select(ML_MODEL.NAME).from(ML_MODEL).where(ML_MODEL.ID.eq(mlModelId)).fetchOne(ML_MODEL.NAME);
  }

  public List<RegistryEntry> listByModel(long mlModelId) {
    return db.selectFrom(MODEL_REGISTRY)
        .where(MODEL_REGISTRY.ML_MODEL_ID.eq(mlModelId))
        .orderBy(MODEL_REGISTRY.VERSION)
        .fetch(ModelRegistryRepository::toEntry);
  }

  /** The version of an ml model. */
  public Optional<RegistryEntry> findVersion(long mlModelId, int version) {
    return db.selectFrom(MODEL_REGISTRY)
        .where(MODEL_REGISTRY.ML_MODEL_ID.eq(mlModelId))
        .and(MODEL_REGISTRY.VERSION.eq(version))
        .fetchOptional()
        .map(ModelRegistryRepository::toEntry);
  }

  static RegistryEntry toEntry(ModelRegistryRecord r) {
    return new RegistryEntry(
        r.getId(),
        r.getMlModelId(),
        r.getVersion(),
        r.getTrainingRunId(),
        r.getModelType(),
        r.getArtifactUri(),
        r.getIsBlessed(),
        r.getPushedAnyway(),
        read(r.getMetrics().data(), METRICS),
        read(r.getLabels().data(), LABELS),
        r.getCreatedAt(),
        r.getStage(),
        r.getStageChangedAt(),
        r.getDatasetId(),
        r.getDatasetVersion(),
        r.getConfigSha256());
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JsonCodec.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
