package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.DATASET;
import static dev.trainflow.activities.persistence.jooq.Tables.DATASET_VERSION;

import dev.trainflow.activities.persistence.jooq.tables.records.DatasetRecord;
import dev.trainflow.workflows.spec.DatasetSource;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public class DatasetRepository {
  private final DSLContext db;

  public DatasetRepository(DSLContext db) {
    this.db = db;
  }

  public StoredDataset create(String name, String description, DatasetSource source) {
    try {
      DatasetRecord record =
          db.insertInto(DATASET)
              .set(DATASET.NAME, name)
              .set(DATASET.DESCRIPTION, description)
              .set(DATASET.SOURCE_TYPE, source.type())
              .set(DATASET.SOURCE, JsonColumns.jsonb(source))
              .returning()
              .fetchOne();
      return toStored(record, List.of());
    } catch (RuntimeException e) {
      if (UniqueViolations.is(e)) {
        throw new NameTakenException("name", name);
      }
      throw e;
    }
  }

  public Optional<StoredDataset> find(long id) {
    return db.selectFrom(DATASET).where(DATASET.ID.eq(id)).fetchOptional().map(r -> toStored(r, versions(id)));
  }

  public List<StoredDataset> list() {
    return db.selectFrom(DATASET).orderBy(DATASET.ID).fetch().map(r -> toStored(r, versions(r.getId())));
  }

  /**
   * The version number of the dataset content with this checksum, creating the next version when
   * the content is new. Serialized per dataset by a row lock, so concurrent runs never race.
   */
  public int recordVersion(long datasetId, String checksum, long rows) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          t.selectFrom(DATASET).where(DATASET.ID.eq(datasetId)).forUpdate().fetchOptional()
              .orElseThrow(() -> new IllegalArgumentException("no dataset " + datasetId));
          Integer existing =
              t.select(DATASET_VERSION.VERSION)
                  .from(DATASET_VERSION)
                  .where(DATASET_VERSION.DATASET_ID.eq(datasetId), DATASET_VERSION.CHECKSUM.eq(checksum))
                  .fetchOne(DATASET_VERSION.VERSION);
          if (existing != null) {
            return existing;
          }
          int next =
              t.select(DSL.coalesce(DSL.max(DATASET_VERSION.VERSION), 0))
                      .from(DATASET_VERSION)
                      .where(DATASET_VERSION.DATASET_ID.eq(datasetId))
                      .fetchOne(0, Integer.class)
                  + 1;
          t.insertInto(DATASET_VERSION)
              .set(DATASET_VERSION.DATASET_ID, datasetId)
              .set(DATASET_VERSION.VERSION, next)
              .set(DATASET_VERSION.CHECKSUM, checksum)
              .set(DATASET_VERSION.ROW_COUNT, rows)
              .execute();
          return next;
        });
  }

  private List<StoredDatasetVersion> versions(long datasetId) {
    return db.selectFrom(DATASET_VERSION)
        .where(DATASET_VERSION.DATASET_ID.eq(datasetId))
        .orderBy(DATASET_VERSION.VERSION)
        .fetch(v -> new StoredDatasetVersion(v.getVersion(), v.getChecksum(), v.getRowCount(), v.getCreatedAt()));
  }

  private static StoredDataset toStored(DatasetRecord r, List<StoredDatasetVersion> versions) {
    return new StoredDataset(
        r.getId(),
        r.getName(),
        r.getDescription(),
        JsonColumns.read(r.getSource(), DatasetSource.class),
        versions,
        r.getCreatedAt());
  }
}
