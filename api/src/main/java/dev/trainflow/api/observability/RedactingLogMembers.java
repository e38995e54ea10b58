package dev.trainflow.api.observability;

import dev.trainflow.activities.logs.LogRedaction;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks bearer tokens, credentials in URLs and signed-URL parameters in every string of a JSON log
 * line: a safety net under the rule that nothing logs a secret in the first place.
 */
public final class RedactingLogMembers implements StructuredLoggingJsonMembersCustomizer<Object> {
  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogRedaction::redact));
  }
}
