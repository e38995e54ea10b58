package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.ENDPOINT;
import static dev.trainflow.activities.persistence.jooq.Tables.ENDPOINT_REVISION;
import static dev.trainflow.activities.persistence.jooq.Tables.ENDPOINT_TRAFFIC_CHANGE;
import static dev.trainflow.activities.persistence.jooq.Tables.ML_MODEL;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.persistence.jooq.tables.records.EndpointRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** Endpoints, their revisions and the history of their traffic splits. */
public class EndpointRepository {
  private static final TypeReference<LinkedHashMap<String, Integer>> SPLIT = new TypeReference<>() {};

  private final DSLContext db;

  public EndpointRepository(DSLContext db) {
    this.db = db;
  }

  /** The endpoint called {@code name}, created (status {@code serving}, no revisions) when absent. */
  public StoredEndpoint findOrCreate(String name, String target, long mlModelId) {
    db.insertInto(ENDPOINT)
        .set(ENDPOINT.NAME, name)
        .set(ENDPOINT.TARGET, target)
        .set(ENDPOINT.ML_MODEL_ID, mlModelId)
        .set(ENDPOINT.STATUS, StoredEndpoint.SERVING)
        .onConflict(ENDPOINT.NAME)
        .doNothing()
        .execute();
    return findByName(name).orElseThrow();
  }

  public Optional<StoredEndpoint> find(long id) {
    return withModelName().where(ENDPOINT.ID.eq(id)).fetchOptional().map(this::toEndpoint);
  }

  public Optional<StoredEndpoint> findByName(String name) {
    return withModelName().where(ENDPOINT.NAME.eq(name)).fetchOptional().map(this::toEndpoint);
  }

  /** Every endpoint, newest first; undeployed ones only when asked. */
  public List<StoredEndpoint> list(boolean includeUndeployed) {
    return withModelName()
        .where(includeUndeployed ? DSL.noCondition() : ENDPOINT.STATUS.ne(StoredEndpoint.UNDEPLOYED))
        .orderBy(ENDPOINT.ID.desc())
        .fetch(this::toEndpoint);
  }

  /** Endpoint rows with their ml model's name, in one query. */
  private SelectOnConditionStep<Record> withModelName() {
    return db.select(ENDPOINT.asterisk(), ML_MODEL.NAME).from(ENDPOINT).join(ML_MODEL).on(ML_MODEL.ID.eq(ENDPOINT.ML_MODEL_ID));
  }

  /** Adds the revision when the endpoint does not know it yet (its traffic is set by {@link #recordServing}). */
  public void addRevision(long endpointId, StoredEndpointRevision revision) {
    db.insertInto(ENDPOINT_REVISION)
        .set(ENDPOINT_REVISION.ENDPOINT_ID, endpointId)
        .set(ENDPOINT_REVISION.REVISION_ID, revision.revisionId())
        .set(ENDPOINT_REVISION.TRAINING_RUN_ID, revision.trainingRunId())
        .set(ENDPOINT_REVISION.MODEL_REGISTRY_ID, revision.modelRegistryId())
        .set(ENDPOINT_REVISION.MODEL_VERSION, revision.modelVersion())
        .set(ENDPOINT_REVISION.MODEL_URI, revision.modelUri())
        .set(ENDPOINT_REVISION.TRAFFIC_PERCENT, 0)
        .onConflict(ENDPOINT_REVISION.ENDPOINT_ID, ENDPOINT_REVISION.REVISION_ID)
        .doNothing()
        .execute();
  }

  /**
   * Records what the target now serves, in one transaction: the endpoint's URL and status, each
   * revision's traffic and URL (revisions left out get none), and the split in the history when it
   * differs from the last one recorded.
   */
  public StoredEndpoint recordServing(
      long endpointId, String url, Map<String, Integer> split, Map<String, String> revisionUrls, String reason,
      Long runId) {
    db.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.update(ENDPOINT)
              .set(ENDPOINT.URL, url)
              .set(ENDPOINT.STATUS, StoredEndpoint.SERVING)
              .set(ENDPOINT.UPDATED_AT, DSL.currentOffsetDateTime())
              .where(ENDPOINT.ID.eq(endpointId))
              .execute();
          t.update(ENDPOINT_REVISION)
              .set(ENDPOINT_REVISION.TRAFFIC_PERCENT, 0)
              .where(ENDPOINT_REVISION.ENDPOINT_ID.eq(endpointId))
              .execute();
          for (Map.Entry<String, Integer> share : split.entrySet()) {
            t.update(ENDPOINT_REVISION)
                .set(ENDPOINT_REVISION.TRAFFIC_PERCENT, share.getValue())
                .where(ENDPOINT_REVISION.ENDPOINT_ID.eq(endpointId))
                .and(ENDPOINT_REVISION.REVISION_ID.eq(share.getKey()))
                .execute();
          }
          for (Map.Entry<String, String> revisionUrl : revisionUrls.entrySet()) {
            t.update(ENDPOINT_REVISION)
                .set(ENDPOINT_REVISION.URL, revisionUrl.getValue())
                .where(ENDPOINT_REVISION.ENDPOINT_ID.eq(endpointId))
                .and(ENDPOINT_REVISION.REVISION_ID.eq(revisionUrl.getKey()))
                .execute();
          }
          List<Map<String, Integer>> history = trafficHistory(t, endpointId);
          if (history.isEmpty() || !history.get(history.size() - 1).equals(split)) {
            t.insertInto(ENDPOINT_TRAFFIC_CHANGE)
                .set(ENDPOINT_TRAFFIC_CHANGE.ENDPOINT_ID, endpointId)
                .set(ENDPOINT_TRAFFIC_CHANGE.SPLIT, JsonColumns.jsonb(split))
                .set(ENDPOINT_TRAFFIC_CHANGE.REASON, reason)
                .set(ENDPOINT_TRAFFIC_CHANGE.TRAINING_RUN_ID, runId)
                .execute();
          }
        });
    return find(endpointId).orElseThrow();
  }

  public void recordStatus(long endpointId, String status) {
    db.update(ENDPOINT)
        .set(ENDPOINT.STATUS, status)
        .set(ENDPOINT.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(ENDPOINT.ID.eq(endpointId))
        .execute();
  }

  /** Marks the endpoint undeployed: no revision takes traffic, the name can be deployed anew. */
  public void recordUndeployed(long endpointId) {
    db.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.update(ENDPOINT_REVISION)
              .set(ENDPOINT_REVISION.TRAFFIC_PERCENT, 0)
              .setNull(ENDPOINT_REVISION.URL)
              .where(ENDPOINT_REVISION.ENDPOINT_ID.eq(endpointId))
              .execute();
          t.update(ENDPOINT)
              .set(ENDPOINT.STATUS, StoredEndpoint.UNDEPLOYED)
              .setNull(ENDPOINT.URL)
              .set(ENDPOINT.UPDATED_AT, DSL.currentOffsetDateTime())
              .where(ENDPOINT.ID.eq(endpointId))
              .execute();
          t.insertInto(ENDPOINT_TRAFFIC_CHANGE)
              .set(ENDPOINT_TRAFFIC_CHANGE.ENDPOINT_ID, endpointId)
              .set(ENDPOINT_TRAFFIC_CHANGE.SPLIT, JsonColumns.jsonb(Map.of()))
              .set(ENDPOINT_TRAFFIC_CHANGE.REASON, "undeploy")
              .execute();
        });
  }

  /** The splits the endpoint has had, oldest first. */
  public List<Map<String, Integer>> trafficHistory(long endpointId) {
    return trafficHistory(db, endpointId);
  }

  /** Writes the deployment onto the run's row (the API deploys runs whose workflow has ended). */
  public void recordRunDeployment(long runId, String status, long endpointId, String url) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.DEPLOYMENT_STATUS, status)
        .set(TRAINING_RUN.ENDPOINT_ID, Long.toString(endpointId))
        .set(TRAINING_RUN.ENDPOINT_URL, url)
        .where(TRAINING_RUN.ID.eq(runId))
        .execute();
  }

  private static List<Map<String, Integer>> trafficHistory(DSLContext t, long endpointId) {
    return t.select(ENDPOINT_TRAFFIC_CHANGE.SPLIT)
        .from(ENDPOINT_TRAFFIC_CHANGE)
        .where(ENDPOINT_TRAFFIC_CHANGE.ENDPOINT_ID.eq(endpointId))
        .orderBy(ENDPOINT_TRAFFIC_CHANGE.ID)
        .fetch(r -> (Map<String, Integer>) read(r.value1().data()));
  }

  private StoredEndpoint toEndpoint(Record row) {
    EndpointRecord r = row.into(ENDPOINT);
    String modelName = row.get(ML_MODEL.NAME);
    List<StoredEndpointRevision> revisions =
        db.selectFrom(ENDPOINT_REVISION)
            .where(ENDPOINT_REVISION.ENDPOINT_ID.eq(r.getId()))
            .orderBy(ENDPOINT_REVISION.ID)
            .fetch(
                v -> new StoredEndpointRevision(
                    v.getRevisionId(),
                    v.getTrainingRunId(),
                    v.getModelRegistryId(),
                    v.getModelVersion(),
                    v.getModelUri(),
                    v.getTrafficPercent(),
                    v.getUrl(),
                    v.getCreatedAt()));
    return new StoredEndpoint(
        r.getId(), r.getName(), r.getTarget(), r.getMlModelId(), modelName, r.getUrl(), r.getStatus(), revisions,
        r.getCreatedAt(), r.getUpdatedAt());
  }

  private static LinkedHashMap<String, Integer> read(String json) {
    try {
      return JsonCodec.mapper().readValue(json, SPLIT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
