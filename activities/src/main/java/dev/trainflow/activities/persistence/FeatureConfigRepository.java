package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.FEATURE_CONFIG;

import dev.trainflow.activities.persistence.jooq.tables.records.FeatureConfigRecord;
import dev.trainflow.workflows.spec.FeatureConfig;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

public class FeatureConfigRepository {
  private final DSLContext db;

  public FeatureConfigRepository(DSLContext db) {
    this.db = db;
  }

  public StoredFeatureConfig create(String name, String description, FeatureConfig config) {
    try {
      return toStored(
          db.insertInto(FEATURE_CONFIG)
              .set(FEATURE_CONFIG.NAME, name)
              .set(FEATURE_CONFIG.DESCRIPTION, description)
              .set(FEATURE_CONFIG.CONFIG, JsonColumns.jsonb(config))
              .returning()
              .fetchOne());
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        throw new NameTakenException("name", name);
      }
      throw e;
    }
  }

  public Optional<StoredFeatureConfig> find(long id) {
    return db.selectFrom(FEATURE_CONFIG).where(FEATURE_CONFIG.ID.eq(id)).fetchOptional().map(FeatureConfigRepository::toStored);
  }

  public List<StoredFeatureConfig> list() {
    return db.selectFrom(FEATURE_CONFIG).orderBy(FEATURE_CONFIG.ID).fetch().map(FeatureConfigRepository::toStored);
  }

  private static StoredFeatureConfig toStored(FeatureConfigRecord r) {
    return new StoredFeatureConfig(
        r.getId(), r.getName(), r.getDescription(), JsonColumns.read(r.getConfig(), FeatureConfig.class), r.getCreatedAt());
  }
}
