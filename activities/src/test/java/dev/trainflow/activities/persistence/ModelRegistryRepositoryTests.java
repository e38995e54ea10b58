package dev.trainflow.activities.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.activities.RegistrationRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelRegistryRepositoryTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  @Test
  void shouldRegisterOncePerRunAndVersionPerModel() {
    PersistenceFixtures fixtures = new PersistenceFixtures(postgres.dsl());
    TrainingRunRepository runs = new TrainingRunRepository(postgres.dsl());
    ModelRegistryRepository registry = new ModelRegistryRepository(postgres.dsl());
    StoredRun first = runs.create(fixtures.newRun("reg-one", "registry-model"));
    StoredRun second = runs.create(fixtures.newRun("reg-two", "registry-model"));

    RegistryEntry a = registry.register(request(first));
    RegistryEntry again = registry.register(request(first));
    RegistryEntry b = registry.register(request(second));

    assertThat(again.id()).isEqualTo(a.id());
    assertThat(a.version()).isEqualTo(1);
    assertThat(b.version()).isEqualTo(2);
    assertThat(registry.listByModel(first.mlModelId())).hasSize(2);
    assertThat(registry.findByRun(second.id()).orElseThrow().metrics()).containsEntry("recall_at_100", 0.4);
    assertThat(a.labels()).containsEntry("blessed", "true");
  }

  private static RegistrationRequest request(StoredRun run) {
    return new RegistrationRequest(
        run.id(),
        run.mlModelId(),
        run.mlModelName(),
        "retrieval",
        "file:/tmp/models/" + run.id(),
        true,
        false,
        Map.of("recall_at_100", 0.4),
        Map.of("blessed", "true"));
  }
}
