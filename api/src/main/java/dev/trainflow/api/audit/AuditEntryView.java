package dev.trainflow.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.audit.AuditEntry;
import java.time.OffsetDateTime;

/** An audit log row as the API shows it. */
record AuditEntryView(
    long id,
    OffsetDateTime occurredAt,
    String event,
    Long trainingRunId,
    String actor,
    String actorRole,
    String httpMethod,
    String path,
    Integer httpStatus,
    String runStatus,
    String gitCommit,
    String imageDigest,
    String configSha256,
    JsonNode details) {

  static AuditEntryView of(AuditEntry e) {
    return new AuditEntryView(
        e.id(), e.occurredAt(), e.event(), e.trainingRunId(), e.actor(), e.actorRole(), e.httpMethod(), e.path(),
        e.httpStatus(), e.runStatus(), e.gitCommit(), e.imageDigest(), e.configSha256(), e.details());
  }
}
