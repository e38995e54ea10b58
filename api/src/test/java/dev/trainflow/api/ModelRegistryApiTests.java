package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.workflows.activities.RegistrationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Registry stages over HTTP: transitions keep one production version, every transition is in the
 * audit log, bad stages and unknown models or versions change nothing.
 */
class ModelRegistryApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;
  @Autowired ModelRegistryRepository registry;

  @Test
  void shouldKeepOneProductionVersionAndAuditEveryTransition() {
    ApiClient api = new ApiClient(port);
    String model = ApiFixtures.unique("churn-model");
    List<Long> runIds = registerVersions(api, model, 3);

    assertThat(transition(api, model, 1, "{\"stage\": \"production\", \"reason\": \"first release\"}").status()).isEqualTo(200);
    assertThat(transition(api, model, 2, "{\"stage\": \"staging\"}").status()).isEqualTo(200);
    ApiClient.Response promoted = transition(api, model, 2, "{\"stage\": \"production\", \"reason\": \"better auc\"}");

    assertThat(promoted.status()).as(promoted.body().toString()).isEqualTo(200);
    assertThat(promoted.body().get("from").asText()).isEqualTo("staging");
    assertThat(promoted.body().get("to").asText()).isEqualTo("production");
    assertThat(promoted.body().get("archived_versions")).extracting(JsonNode::asInt).containsExactly(1);
    JsonNode listed = api.get("/api/models/" + model).body();
    assertThat(listed.get("production_version").asInt()).isEqualTo(2);
    assertThat(listed.get("versions")).extracting(v -> v.get("stage").asText())
        .containsExactly("archived", "production", "none");
    JsonNode second = listed.get("versions").get(1);
    assertThat(second.get("metrics").get("roc_auc").asDouble()).isEqualTo(0.81);
    assertThat(second.get("lineage").get("training_run_id").asLong()).isEqualTo(runIds.get(1));
    assertThat(second.get("lineage").get("dataset_id").isIntegralNumber()).isTrue();
    assertThat(second.get("stage_changed_at").isNull()).isFalse();

    List<JsonNode> firstAudit = stageEvents(api, runIds.get(0));
    assertThat(firstAudit).extracting(e -> e.get("details").get("to").asText()).containsExactly("production", "archived");
    assertThat(firstAudit.get(1).get("details").get("caused_by_version").asInt()).isEqualTo(2);
    assertThat(stageEvents(api, runIds.get(1))).extracting(e -> e.get("details").get("reason").asText())
        .containsExactly("null", "better auc");
    assertThat(stageEvents(api, runIds.get(2))).isEmpty();
  }

  @Test
  void shouldRefuseABadStageNamingTheFieldAndChangeNothing() {
    ApiClient api = new ApiClient(port);
    String model = ApiFixtures.unique("strict-model");
    List<Long> runIds = registerVersions(api, model, 1);

    ApiClient.Response bad = transition(api, model, 1, "{\"stage\": \"prod\"}");
    ApiClient.Response missing = transition(api, model, 1, "{\"reason\": \"no stage\"}");
    ApiClient.Response unknownField = transition(api, model, 1, "{\"stage\": \"staging\", \"stag\": 1}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("fields").get(0).get("field").asText()).isEqualTo("stage");
    assertThat(bad.body().get("fields").get(0).get("message").asText()).contains("'prod'", "production");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().get("fields").get(0).get("field").asText()).isEqualTo("stage");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().toString()).contains("stag");
    assertThat(api.get("/api/models/" + model).body().get("versions").get(0).get("stage").asText()).isEqualTo("none");
    assertThat(stageEvents(api, runIds.get(0))).isEmpty();
  }

  @Test
  void shouldAnswer404ForAnUnknownModelOrVersion() {
    ApiClient api = new ApiClient(port);
    String model = ApiFixtures.unique("known-model");
    registerVersions(api, model, 1);

    ApiClient.Response noModel = transition(api, "no-such-model-at-all", 1, "{\"stage\": \"staging\"}");
    ApiClient.Response noVersion = transition(api, model, 9, "{\"stage\": \"staging\"}");

    assertThat(noModel.status()).isEqualTo(404);
    assertThat(noModel.body().get("message").asText()).contains("no-such-model-at-all");
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.body().get("message").asText()).contains("version 9");
    assertThat(api.get("/api/models/no-such-model-at-all").status()).isEqualTo(404);
  }

  private static ApiClient.Response transition(ApiClient api, String model, int version, String body) {
    return api.post("/api/models/" + model + "/versions/" + version + "/transition", body);
  }

  private static List<JsonNode> stageEvents(ApiClient api, long runId) {
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode e : api.get("/api/training-runs/" + runId + "/audit").body().get("items")) {
      if (e.get("event").asText().equals("model_stage_changed")) {
        events.add(e);
      }
    }
    return events;
  }

  /** Runs created (not trained) through the API, registered as versions 1..count of one ml model. */
  private List<Long> registerVersions(ApiClient api, String model, int count) {
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(50, 20, 500);
    long features = fixtures.idsOnlyFeatureConfig();
    long modelConfig = fixtures.retrievalModelConfig();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ApiClient.Response created =
          api.post("/api/training-runs",
              """
              {"name": "%s", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
               "auto_submit": false}
              """.formatted(ApiFixtures.unique("v"), model, dataset, features, modelConfig));
      assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
      long runId = created.body().get("id").asLong();
      ids.add(runId);
      registry.register(new RegistrationRequest(
          runId, mlModelId(created), model, "retrieval", "file:/tmp/models/" + runId, true, false,
          Map.of("roc_auc", 0.8 + i / 100.0), Map.of()));
    }
    return ids;
  }

  private static long mlModelId(ApiClient.Response created) {
    return created.body().get("ml_model_id").asLong();
  }
}
