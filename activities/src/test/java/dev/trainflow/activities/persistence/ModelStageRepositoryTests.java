package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.MODEL_REGISTRY;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.audit.AuditEntry;
import dev.trainflow.activities.audit.AuditEvent;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.workflows.activities.RegistrationRequest;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelStageRepositoryTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  private final PersistenceFixtures fixtures = new PersistenceFixtures(postgres.dsl());
  private final TrainingRunRepository runs = new TrainingRunRepository(postgres.dsl());
  private final ModelRegistryRepository registry = new ModelRegistryRepository(postgres.dsl());
  private final ModelStageRepository stages = new ModelStageRepository(postgres.dsl());
  private final AuditLogRepository audit = new AuditLogRepository(postgres.dsl());

  @Test
  void shouldKeepOneProductionVersionByArchivingThePreviousOne() {
    List<RegistryEntry> versions = registerVersions("stage-model", 3);
    long model = versions.get(0).mlModelId();

    stages.transition(model, 1, ModelStage.PRODUCTION, "first release", "alice", "operator").orElseThrow();
    stages.transition(model, 2, ModelStage.STAGING, "candidate", "alice", "operator").orElseThrow();
    StageTransition promoted =
        stages.transition(model, 2, ModelStage.PRODUCTION, "better recall", "bob", "operator").orElseThrow();

    assertThat(promoted.from()).isEqualTo(ModelStage.STAGING);
    assertThat(promoted.changed()).isTrue();
    assertThat(promoted.archivedVersions()).containsExactly(1);
    assertThat(registry.listByModel(model))
        .extracting(RegistryEntry::version, RegistryEntry::stage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "archived"),
            org.assertj.core.groups.Tuple.tuple(2, "production"),
            org.assertj.core.groups.Tuple.tuple(3, "none"));
    assertThat(registry.findVersion(model, 2).orElseThrow().stageChangedAt()).isNotNull();
  }

  @Test
  void shouldWriteAnAuditRecordForEveryVersionWhoseStageChanged() {
    List<RegistryEntry> versions = registerVersions("audited-model", 2);
    long model = versions.get(0).mlModelId();

    stages.transition(model, 1, ModelStage.PRODUCTION, "first release", "alice", "operator");
    stages.transition(model, 2, ModelStage.PRODUCTION, "retrained", "bob", "admin");

    List<AuditEntry> first = stageEvents(versions.get(0).trainingRunId());
    List<AuditEntry> second = stageEvents(versions.get(1).trainingRunId());
    assertThat(first).hasSize(2);
    assertThat(first.get(0).details().get("to").asText()).isEqualTo("production");
    assertThat(first.get(0).details().get("reason").asText()).isEqualTo("first release");
    assertThat(first.get(0).actor()).isEqualTo("alice");
    assertThat(first.get(1).details().get("from").asText()).isEqualTo("production");
    assertThat(first.get(1).details().get("to").asText()).isEqualTo("archived");
    assertThat(first.get(1).details().get("caused_by_version").asInt()).isEqualTo(2);
    assertThat(first.get(1).actor()).isEqualTo("bob");
    assertThat(second).singleElement().satisfies(e -> {
      assertThat(e.details().get("ml_model").asText()).isEqualTo("audited-model");
      assertThat(e.details().get("version").asInt()).isEqualTo(2);
      assertThat(e.details().get("from").asText()).isEqualTo("none");
      assertThat(e.actorRole()).isEqualTo("admin");
    });
  }

  @Test
  void shouldChangeNothingForTheSameStageOrAnUnknownVersion() {
    List<RegistryEntry> versions = registerVersions("idle-model", 1);
    long model = versions.get(0).mlModelId();

    StageTransition same = stages.transition(model, 1, ModelStage.NONE, "noop", "alice", "operator").orElseThrow();

    assertThat(same.changed()).isFalse();
    assertThat(stages.transition(model, 7, ModelStage.STAGING, "x", "alice", "operator")).isEmpty();
    assertThat(stages.transition(999_999L, 1, ModelStage.STAGING, "x", "alice", "operator")).isEmpty();
    assertThat(stageEvents(versions.get(0).trainingRunId())).isEmpty();
  }

  @Test
  void shouldRefuseASecondProductionVersionInTheDatabaseItself() {
    List<RegistryEntry> versions = registerVersions("guarded-model", 2);
    long model = versions.get(0).mlModelId();
    stages.transition(model, 1, ModelStage.PRODUCTION, "release", "alice", "operator");

    // a writer that bypasses the repository still cannot break the rule
    assertThatThrownBy(
            () -> postgres.dsl().update(MODEL_REGISTRY).set(MODEL_REGISTRY.STAGE, "production")
                .where(MODEL_REGISTRY.ID.eq(versions.get(1).id())).execute())
        .isInstanceOf(DataAccessException.class);
  }

  @Test
  void shouldKeepLineageFromTheRunOnTheVersion() {
    StoredRun run = runs.create(fixtures.newRun("lineage-run", "lineage-model"));
    postgres.dsl().update(TRAINING_RUN).set(TRAINING_RUN.DATASET_VERSION, 3).set(TRAINING_RUN.CONFIG_SHA256, "ab".repeat(32))
        .where(TRAINING_RUN.ID.eq(run.id())).execute();
    RegistryEntry entry = registry.register(request(run));
    runs.delete(run.id());

    RegistryEntry kept = registry.findVersion(run.mlModelId(), entry.version()).orElseThrow();
    assertThat(kept.trainingRunId()).isNull();
    assertThat(kept.datasetId()).isEqualTo(run.datasetId());
    assertThat(kept.datasetVersion()).isEqualTo(3);
    assertThat(kept.configSha256()).isEqualTo("ab".repeat(32));
    assertThat(entry.stage()).isEqualTo("none");
  }

  private List<RegistryEntry> registerVersions(String model, int count) {
    List<RegistryEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(registry.register(request(runs.create(fixtures.newRun(model + "-" + i, model)))));
    }
    return entries;
  }

  private List<AuditEntry> stageEvents(long runId) {
    return audit.forRun(runId).stream().filter(e -> e.event().equals(AuditEvent.MODEL_STAGE_CHANGED)).toList();
  }

  private static RegistrationRequest request(StoredRun run) {
    return new RegistrationRequest(
        run.id(), run.mlModelId(), run.mlModelName(), "retrieval", "file:/tmp/models/" + run.id(), true, false,
        Map.of("recall_at_100", 0.4), Map.of());
  }
}
