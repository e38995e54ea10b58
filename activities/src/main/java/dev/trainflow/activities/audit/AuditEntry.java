package dev.trainflow.activities.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A row of the audit log as it was appended. */
public record AuditEntry(
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
    JsonNode details) {}
