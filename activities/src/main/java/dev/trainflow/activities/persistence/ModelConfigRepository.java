package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.MODEL_CONFIG;

import dev.trainflow.activities.persistence.jooq.tables.records.ModelConfigRecord;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

public class ModelConfigRepository {
  private final DSLContext db;

  public ModelConfigRepository(DSLContext db) {
    this.db = db;
  }

  public StoredModelConfig create(String name, String description, ModelConfig config) {
    try {
      return toStored(
          db.insertInto(MODEL_CONFIG)
              .set(MODEL_CONFIG.NAME, name)
              .set(MODEL_CONFIG.DESCRIPTION, description)
              .set(MODEL_CONFIG.MODEL_TYPE, config.modelType())
              .set(MODEL_CONFIG.CONFIG, JsonColumns.jsonb(config))
              .returning()
              .fetchOne());
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        throw new NameTakenException("name", name);
      }
      throw e;
    }
  }

  public Optional<StoredModelConfig> find(long id) {
    return db.selectFrom(MODEL_CONFIG).where(MODEL_CONFIG.ID.eq(id)).fetchOptional().map(ModelConfigRepository::toStored);
  }

  public List<StoredModelConfig> list() {
    return db.selectFrom(MODEL_CONFIG).orderBy(MODEL_CONFIG.ID).fetch().map(ModelConfigRepository::toStored);
  }

  private static StoredModelConfig toStored(ModelConfigRecord r) {
    return new StoredModelConfig(
        r.getId(), r.getName(), r.getDescription(), JsonColumns.read(r.getConfig(), ModelConfig.class), r.getCreatedAt());
  }
}
