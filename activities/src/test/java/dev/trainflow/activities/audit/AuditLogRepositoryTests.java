package dev.trainflow.activities.audit;

import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.persistence.PostgresDatabase;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log is append-only in the database itself, whatever client asks. */
class AuditLogRepositoryTests {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Test
  void shouldAppendAndReadBackARunsEntriesInOrder() {
    AuditLogRepository audit = new AuditLogRepository(DATABASE.dsl());
    audit.append(AuditEvent.apiCall("ci-bot", "operator", "POST", "/api/training-runs/41/cancel", 202, 41L, Map.of()));
    audit.append(runEvent(41, AuditEvent.RUN_FINISHED, "k-41"));

    assertThat(audit.forRun(41)).extracting(AuditEntry::event).containsExactly(AuditEvent.API_CALL, AuditEvent.RUN_FINISHED);
    assertThat(audit.forRun(41).get(0).actor()).isEqualTo("ci-bot");
    assertThat(audit.latest(41, AuditEvent.RUN_FINISHED).orElseThrow().details().get("status").asText()).isEqualTo("completed");
  }

  @Test
  void shouldAppendAnEventWithTheSameDedupKeyOnce() {
    AuditLogRepository audit = new AuditLogRepository(DATABASE.dsl());

    assertThat(audit.append(runEvent(42, AuditEvent.RUN_STARTED, "run_started:42:1"))).isTrue();
    assertThat(audit.append(runEvent(42, AuditEvent.RUN_STARTED, "run_started:42:1"))).isFalse();

    assertThat(audit.forRun(42)).hasSize(1);
  }

  @Test
  void shouldRefuseUpdateDeleteAndTruncateAtTheDatabase() {
    DSLContext db = DATABASE.dsl();
    new AuditLogRepository(db).append(runEvent(43, AuditEvent.RUN_FINISHED, "k-43"));

    assertThatThrownBy(() -> db.update(TRAINING_AUDIT_LOG).set(TRAINING_AUDIT_LOG.ACTOR, "someone-else")
            .where(TRAINING_AUDIT_LOG.TRAINING_RUN_ID.eq(43L)).execute())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.deleteFrom(TRAINING_AUDIT_LOG).where(TRAINING_AUDIT_LOG.TRAINING_RUN_ID.eq(43L)).execute())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.execute("truncate training_audit_log"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    // not even a raw statement that touches no column the repository knows
    assertThatThrownBy(() -> db.execute("update training_audit_log set details = '{}' where training_run_id = 43"))
        .isInstanceOf(DataAccessException.class);

    assertThat(new AuditLogRepository(db).forRun(43)).singleElement().extracting(AuditEntry::actor).isEqualTo("trainflow");
  }

  private static AuditEvent runEvent(long runId, String event, String key) {
    return new AuditEvent(event, runId, "trainflow", null, null, null, null, "completed", "abc123", null,
        "f".repeat(64), Map.of("status", "completed"), key);
  }
}
