package dev.trainflow.activities.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.aiplatform.v1.EnvVar;
import com.google.cloud.aiplatform.v1.Model;
import com.google.cloud.aiplatform.v1.ModelServiceClient;
import com.google.cloud.aiplatform.v1.UploadModelRequest;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.PersistenceFixtures;
import dev.trainflow.activities.persistence.PostgresDatabase;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.workflows.activities.RegistrationRequest;
import dev.trainflow.workflows.activities.RegistrationResult;
import io.grpc.Status;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registration into the local PostgreSQL registry and the Vertex AI Model Registry, through the
 * real ModelServiceClient against an in-process gRPC fake of ModelService and its operations.
 */
class VertexRegistryActivitiesTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();
  private static final String IMAGE = "us-central1-docker.pkg.dev/p/trainflow/model-server:1";
  private static final String PARENT = "projects/test-project/locations/us-central1";

  private FakeModelService vertex;
  private ModelServiceClient models;
  private ModelRegistryRepository registry;
  private VertexRegistryActivities activities;
  private TrainingRunRepository runs;
  private PersistenceFixtures fixtures;

  @BeforeEach
  void start() throws Exception {
    vertex = new FakeModelService();
    VertexSettings settings =
        new VertexSettings("test-project", "us-central1", null, null, null, vertex.endpoint(), Duration.ofMillis(10));
    models = VertexClients.models(settings);
    registry = new ModelRegistryRepository(postgres.dsl());
    activities = new VertexRegistryActivities(registry, new VertexModelRegistry(models, settings, IMAGE));
    runs = new TrainingRunRepository(postgres.dsl());
    fixtures = new PersistenceFixtures(postgres.dsl());
  }

  @AfterEach
  void stop() {
    models.close();
    vertex.close();
  }

  private static RegistrationRequest request(StoredRun run, boolean blessed) {
    return new RegistrationRequest(
        run.id(), run.mlModelId(), run.mlModelName(), "retrieval", "gs://tf-artifacts/trainflow/runs/" + run.id() + "/model",
        blessed, !blessed, Map.of("recall_at_100", 0.4312), Map.of("Team", "Recs EU", "dataset", "b2b-2026.csv"));
  }

  @Test
  void shouldUploadTheFirstVersionAsANewModelAndLaterOnesUnderIt() {
    StoredRun first = runs.create(fixtures.newRun("vx-one", "vertex-model"));
    StoredRun second = runs.create(fixtures.newRun("vx-two", "vertex-model"));
    String modelName = PARENT + "/models/" + VertexModelRegistry.modelId(first.mlModelId());

    RegistrationResult one = activities.registerModel(request(first, true));
    RegistrationResult two = activities.registerModel(request(second, false));

    assertThat(one.modelVersion()).isEqualTo(1);
    assertThat(two.modelVersion()).isEqualTo(2);
    assertThat(vertex.uploads).hasSize(2);
    UploadModelRequest created = vertex.uploads.get(0);
    assertThat(created.getParent()).isEqualTo(PARENT);
    assertThat(created.getModelId()).isEqualTo("trainflow-model-" + first.mlModelId());
    assertThat(created.getParentModel()).isEmpty();
    Model model = created.getModel();
    assertThat(model.getDisplayName()).isEqualTo("vertex-model");
    assertThat(model.getArtifactUri()).isEqualTo("gs://tf-artifacts/trainflow/runs/" + first.id() + "/model");
    assertThat(model.getVersionAliasesList()).containsExactly("run-" + first.id(), "v1");
    assertThat(model.getLabelsMap())
        .containsEntry("trainflow_run_id", Long.toString(first.id()))
        .containsEntry("trainflow_version", "1")
        .containsEntry("model_type", "retrieval")
        .containsEntry("blessed", "true")
        .containsEntry("pushed_anyway", "false")
        .containsEntry("team", "recs_eu") // folded into Vertex's label rules
        .containsEntry("dataset", "b2b-2026_csv");
    assertThat(model.getVersionDescription()).contains("recall_at_100=0.4312");
    assertThat(model.getContainerSpec().getImageUri()).isEqualTo(IMAGE);
    assertThat(model.getContainerSpec().getPredictRoute()).isEqualTo("/v1/models/vertex-model:predict");
    assertThat(model.getContainerSpec().getHealthRoute()).isEqualTo("/health");
    assertThat(model.getContainerSpec().getPorts(0).getContainerPort()).isEqualTo(8080);
    assertThat(model.getContainerSpec().getEnvList()).containsExactly(EnvVar.newBuilder().setName("MODEL_NAME").setValue("vertex-model").build());

    UploadModelRequest versioned = vertex.uploads.get(1);
    assertThat(versioned.getParentModel()).isEqualTo(modelName);
    assertThat(versioned.getModelId()).isEmpty();
    assertThat(versioned.getModel().getLabelsMap()).containsEntry("blessed", "false").containsEntry("pushed_anyway", "true");
    assertThat(vertex.versions(modelName)).extracting(Model::getVersionId).containsExactly("1", "2");
    // each upload's operation was polled to completion
    assertThat(vertex.operations.polls).hasSize(2);
    // the local registry keeps the Vertex version it became
    assertThat(registry.findByRun(second.id()).orElseThrow().labels())
        .containsEntry(VertexRegistryActivities.VERTEX_MODEL_LABEL, modelName)
        .containsEntry(VertexRegistryActivities.VERTEX_VERSION_LABEL, "2")
        .containsEntry("Team", "Recs EU");
  }

  @Test
  void shouldNotUploadARunTwice() {
    StoredRun run = runs.create(fixtures.newRun("vx-again", "vertex-again"));

    RegistrationResult first = activities.registerModel(request(run, true));
    RegistrationResult again = activities.registerModel(request(run, true));

    assertThat(again).isEqualTo(first);
    assertThat(vertex.uploads).hasSize(1);
  }

  @Test
  void shouldFindTheVersionAnEarlierAttemptUploadedBeforeItCouldRecordIt() {
    StoredRun before = runs.create(fixtures.newRun("vx-base", "vertex-lost"));
    StoredRun run = runs.create(fixtures.newRun("vx-lost", "vertex-lost"));
    activities.registerModel(request(before, true));
    // an attempt that uploaded and was lost before writing the label: Vertex has the version, the entry does not
    VertexSettings settings = new VertexSettings("test-project", "us-central1", null, null, null, vertex.endpoint(), Duration.ofMillis(10));
    new VertexModelRegistry(models, settings, IMAGE).upload(request(run, true), 2);
    vertex.uploads.clear();

    activities.registerModel(request(run, true));

    assertThat(vertex.uploads).isEmpty();
    assertThat(vertex.lists.get(vertex.lists.size() - 1).getFilter()).isEqualTo("labels.trainflow_run_id=\"" + run.id() + "\"");
    assertThat(registry.findByRun(run.id()).orElseThrow().labels()).containsEntry(VertexRegistryActivities.VERTEX_VERSION_LABEL, "2");
  }

  @Test
  void shouldMapRefusalsAndRefuseALocalModel() {
    StoredRun run = runs.create(fixtures.newRun("vx-refused", "vertex-refused"));
    vertex.failNextUpload(Status.PERMISSION_DENIED.withDescription("aiplatform.models.upload denied"));

    assertThatThrownBy(() -> activities.registerModel(request(run, true)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo("invalid_config");
          assertThat(f.getOriginalMessage()).contains("PERMISSION_DENIED").contains("aiplatform.models.upload denied");
        });
    // the local entry exists and a retry completes the upload
    assertThat(registry.findByRun(run.id())).isPresent();
    activities.registerModel(request(run, true));
    assertThat(registry.findByRun(run.id()).orElseThrow().labels()).containsKey(VertexRegistryActivities.VERTEX_MODEL_LABEL);

    StoredRun local = runs.create(fixtures.newRun("vx-local", "vertex-refused"));
    RegistrationRequest onDisk =
        new RegistrationRequest(local.id(), local.mlModelId(), local.mlModelName(), "retrieval", "file:/data/runs/1/model", true, false, Map.of(), Map.of());
    assertThatThrownBy(() -> activities.registerModel(onDisk))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getOriginalMessage()).contains("ARTIFACT_ROOT=gs://"));
  }

  @Test
  void shouldFoldLabelsIntoVertexRules() {
    Map<String, String> folded = VertexLabels.of(Map.of("9Lives", "X".repeat(100)));
    assertThat(folded).containsOnlyKeys("k_9lives");
    assertThat(folded.get("k_9lives")).hasSize(63).matches("[x]+");
    java.util.Map<String, String> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 70; i++) {
      many.put("l" + i, "v");
    }
    assertThat(VertexLabels.of(many)).hasSize(64);
  }
}
