package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.MODEL_REGISTRY;

import dev.trainflow.activities.audit.AuditEvent;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.activities.persistence.jooq.tables.records.ModelRegistryRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Moves registered model versions between stages. Each transition is one transaction: the version's
 * new stage, the archiving of the production version it replaces, and an audit record for every
 * version whose stage changed either commit together or not at all.
 */
public class ModelStageRepository {
  private final DSLContext db;

  public ModelStageRepository(DSLContext db) {
    this.db = db;
  }

  /**
   * @param actor who asked, for the audit record
   * @return empty when the ml model has no such version (nothing changed)
   */
  public Optional<StageTransition> transition(
      long mlModelId, int version, ModelStage to, String reason, String actor, String actorRole) {
    return transition(mlModelId, version, to, reason, actor, actorRole, null);
  }

  /**
   * @param comparison the champion/challenger comparison behind the transition, kept in its audit
   *     record; null when none was made
   */
  public Optional<StageTransition> transition(
      long mlModelId, int version, ModelStage to, String reason, String actor, String actorRole,
      Map<String, Object> comparison) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          // Locking the model serializes its transitions: two concurrent promotions cannot both
          // see "no other production version" (the partial unique index would refuse one anyway).
          String modelName =
              t.select(ML_MODEL.NAME).from(ML_MODEL).where(ML_MODEL.ID.eq(mlModelId)).forUpdate().fetchOne(ML_MODEL.NAME);
          if (modelName == null) {
            return Optional.empty();
          }
          Optional<ModelRegistryRecord> target =
              t.selectFrom(MODEL_REGISTRY)
                  .where(MODEL_REGISTRY.ML_MODEL_ID.eq(mlModelId))
                  .and(MODEL_REGISTRY.VERSION.eq(version))
                  .fetchOptional();
          if (target.isEmpty()) {
            return Optional.empty();
          }
          ModelStage from = ModelStage.parse(target.get().getStage()).orElseThrow();
          if (from == to) {
            return Optional.of(new StageTransition(modelName, version, from, to, reason, false, List.of()));
          }
          AuditLogRepository audit = new AuditLogRepository(t);
          OffsetDateTime now = OffsetDateTime.now();
          List<Integer> archived = new ArrayList<>();
          if (to == ModelStage.PRODUCTION) {
            for (ModelRegistryRecord previous :
                t.selectFrom(MODEL_REGISTRY)
                    .where(MODEL_REGISTRY.ML_MODEL_ID.eq(mlModelId))
                    .and(MODEL_REGISTRY.STAGE.eq(ModelStage.PRODUCTION.value()))
                    .orderBy(MODEL_REGISTRY.VERSION)
                    .fetch()) {
              setStage(t, previous, ModelStage.ARCHIVED, now);
              archived.add(previous.getVersion());
              audit.append(
                  event(modelName, previous, ModelStage.PRODUCTION, ModelStage.ARCHIVED,
                      "replaced in production by version " + version, actor, actorRole, version));
            }
          }
          setStage(t, target.get(), to, now);
          AuditEvent changed = event(modelName, target.get(), from, to, reason, actor, actorRole, null);
          if (comparison != null) {
            changed.details().put("comparison", comparison);
          }
          audit.append(changed);
          return Optional.of(new StageTransition(modelName, version, from, to, reason, true, List.copyOf(archived)));
        });
  }

  private static void setStage(DSLContext t, ModelRegistryRecord row, ModelStage stage, OffsetDateTime at) {
    t.update(MODEL_REGISTRY)
        .set(MODEL_REGISTRY.STAGE, stage.value())
        .set(MODEL_REGISTRY.STAGE_CHANGED_AT, at)
        .where(MODEL_REGISTRY.ID.eq(row.getId()))
        .execute();
  }

  private static AuditEvent event(
      String modelName, ModelRegistryRecord row, ModelStage from, ModelStage to, String reason,
      String actor, String actorRole, Integer causedByVersion) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ml_model", modelName);
    details.put("version", row.getVersion());
    details.put("from", from.value());
    details.put("to", to.value());
    details.put("reason", reason);
    if (causedByVersion != null) {
      details.put("caused_by_version", causedByVersion);
    }
    return new AuditEvent(
        AuditEvent.MODEL_STAGE_CHANGED, row.getTrainingRunId(), actor, actorRole,
        null, null, null, null, null, null, row.getConfigSha256(), details, null);
  }
}
