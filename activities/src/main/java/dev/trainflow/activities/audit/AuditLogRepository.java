package dev.trainflow.activities.audit;

import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_AUDIT_LOG;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.persistence.jooq.tables.records.TrainingAuditLogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * The append-only {@code training_audit_log}: this class only inserts and reads, and the database
 * refuses UPDATE, DELETE and TRUNCATE on the table whoever asks.
 */
public class AuditLogRepository {
  private final DSLContext db;

  public AuditLogRepository(DSLContext db) {
    this.db = db;
  }

  /** @return false when an event with the same dedup key was already recorded */
  public boolean append(AuditEvent e) {
    return db.insertInto(TRAINING_AUDIT_LOG)
            .set(TRAINING_AUDIT_LOG.EVENT, e.event())
            .set(TRAINING_AUDIT_LOG.TRAINING_RUN_ID, e.trainingRunId())
            .set(TRAINING_AUDIT_LOG.ACTOR, e.actor())
            .set(TRAINING_AUDIT_LOG.ACTOR_ROLE, e.actorRole())
            .set(TRAINING_AUDIT_LOG.HTTP_METHOD, e.httpMethod())
            .set(TRAINING_AUDIT_LOG.PATH, e.path())
            .set(TRAINING_AUDIT_LOG.HTTP_STATUS, e.httpStatus())
            .set(TRAINING_AUDIT_LOG.RUN_STATUS, e.runStatus())
            .set(TRAINING_AUDIT_LOG.GIT_COMMIT, e.gitCommit())
            .set(TRAINING_AUDIT_LOG.IMAGE_DIGEST, e.imageDigest())
            .set(TRAINING_AUDIT_LOG.CONFIG_SHA256, e.configSha256())
            .set(TRAINING_AUDIT_LOG.DETAILS, JSONB.valueOf(JsonCodec.toJson(e.details() == null ? Map.of() : e.details())))
            .set(TRAINING_AUDIT_LOG.DEDUP_KEY, e.dedupKey())
            .onConflict(TRAINING_AUDIT_LOG.DEDUP_KEY)
            .doNothing()
            .execute()
        > 0;
  }

  /** Every entry about a run, oldest first. */
  public List<AuditEntry> forRun(long runId) {
    return db.selectFrom(TRAINING_AUDIT_LOG)
        .where(TRAINING_AUDIT_LOG.TRAINING_RUN_ID.eq(runId))
        .orderBy(TRAINING_AUDIT_LOG.ID)
        .fetch(AuditLogRepository::toEntry);
  }

  /** The run's newest entry of this kind. */
  public Optional<AuditEntry> latest(long runId, String event) {
    return db.selectFrom(TRAINING_AUDIT_LOG)
        .where(TRAINING_AUDIT_LOG.TRAINING_RUN_ID.eq(runId))
        .and(TRAINING_AUDIT_LOG.EVENT.eq(event))
        .orderBy(TRAINING_AUDIT_LOG.ID.desc())
        .limit(1)
        .fetchOptional(AuditLogRepository::toEntry);
  }

  /** The newest entries first, optionally of one kind only. */
  public List<AuditEntry> recent(String event, int page, int size) {
    var query = db.selectFrom(TRAINING_AUDIT_LOG);
    var filtered = event == null ? query : query.where(TRAINING_AUDIT_LOG.EVENT.eq(event));
    return filtered.orderBy(TRAINING_AUDIT_LOG.ID.desc())
        .limit(size)
        .offset((long) page * size)
        .fetch(AuditLogRepository::toEntry);
  }

  private static AuditEntry toEntry(TrainingAuditLogRecord r) {
    return new AuditEntry(
        r.getId(),
        r.getOccurredAt(),
        r.getEvent(),
        r.getTrainingRunId(),
        r.getActor(),
        r.getActorRole(),
        r.getHttpMethod(),
        r.getPath(),
        r.getHttpStatus(),
        r.getRunStatus(),
        r.getGitCommit(),
        r.getImageDigest(),
        r.getConfigSha256(),
        tree(r.getDetails()));
  }

  private static JsonNode tree(JSONB json) {
    try {
      return json == null ? null : JsonCodec.mapper().readTree(json.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
