package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every invalid run request gets a 400 naming each bad field, and creates nothing. */
class TrainingRunValidationTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  private ApiClient api;
  private long dataset;
  private long features;
  private long model;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    dataset = fixtures.syntheticDataset(50, 20, 500);
    features = fixtures.idsOnlyFeatureConfig();
    model = fixtures.retrievalModelConfig();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "name                                 | \"Bad_Name\"",
        "name                                 | \"ab\"",
        "training_params.epochs               | {\"epochs\": 0}",
        "training_params.epochs               | {\"epochs\": 1001}",
        "training_params.batch_size           | {\"batch_size\": 100}",
        "training_params.batch_size           | {\"batch_size\": 32}",
        "training_params.batch_size           | {\"batch_size\": 131072}",
        "training_params.learning_rate        | {\"learning_rate\": 0}",
        "training_params.learning_rate        | {\"learning_rate\": 10.5}",
        "gpu_config.gpu_type                  | {\"gpu_type\": \"NVIDIA_TESLA_K9000\", \"gpu_count\": 1}",
        "gpu_config.gpu_count                 | {\"gpu_type\": \"NVIDIA_TESLA_T4\", \"gpu_count\": 3}",
        "evaluator_config.blessing_threshold  | {\"blessing_threshold\": 1.5}",
        "evaluator_config.blessing_threshold  | {\"blessing_threshold\": -0.1}",
        "dataset_id                           | 987654",
        "feature_config_id                    | 987654",
        "model_config_id                      | 987654",
      })
  void shouldRejectEachBadFieldByName(String field, String value) {
    long before = runCount();

    ApiClient.Response response = api.post("/api/training-runs", body(field, value));

    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    assertThat(fields(response)).contains(field);
    assertThat(response.body().get("error").asText()).isEqualTo("invalid_request");
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void shouldNameEveryBadFieldOfOneRequest() {
    String body =
        """
        {"name": "BAD", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"epochs": 0, "batch_size": 1000, "learning_rate": 20},
         "gpu_config": {"gpu_type": "TPU", "gpu_count": 5},
         "evaluator_config": {"blessing_threshold": 2}}
        """
            .formatted(dataset, features, model);

    ApiClient.Response response = api.post("/api/training-runs", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response))
        .contains(
            "name",
            "training_params.epochs",
            "training_params.batch_size",
            "training_params.learning_rate",
            "gpu_config.gpu_type",
            "gpu_config.gpu_count",
            "evaluator_config.blessing_threshold");
  }

  @Test
  void shouldRejectUnknownFieldsAtEveryLevel() {
    long before = runCount();
    String body =
        """
        {"name": "unknown-fields", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "colour": "blue", "training_params": {"epochs": 2, "epoks": 3}}
        """
            .formatted(dataset, features, model);

    ApiClient.Response response = api.post("/api/training-runs", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).contains("colour", "training_params.epoks");
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void shouldRejectValuesOfTheWrongType() {
    String body =
        """
        {"name": "wrong-types", "dataset_id": "one", "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"epochs": "three", "batch_size": 10.5}}
        """
            .formatted(features, model);

    ApiClient.Response response = api.post("/api/training-runs", body);

    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    assertThat(fields(response)).contains("dataset_id");
  }

  @Test
  void shouldRejectMalformedJson() {
    long before = runCount();

    ApiClient.Response response = api.post("/api/training-runs", "{\"name\": \"broken\", ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("body");
    assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("at com.");
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void shouldRejectAnEmptyBody() {
    assertThat(api.post("/api/training-runs", "").status()).isEqualTo(400);
  }

  @Test
  void shouldAnswer404ForUnknownRuns() {
    assertThat(api.get("/api/training-runs/987654").status()).isEqualTo(404);
    assertThat(api.get("/api/training-runs/987654/training-history").status()).isEqualTo(404);
    assertThat(api.post("/api/training-runs/987654/cancel", null).status()).isEqualTo(404);
    assertThat(api.delete("/api/training-runs/987654").status()).isEqualTo(404);
    assertThat(api.get("/api/datasets/987654").status()).isEqualTo(404);
    assertThat(api.get("/api/feature-configs/987654").status()).isEqualTo(404);
    assertThat(api.get("/api/model-configs/987654").status()).isEqualTo(404);
  }

  @Test
  void shouldRejectBadListingParameters() {
    ApiClient.Response response = api.get("/api/training-runs?status=exploded&size=1000&page=-1");

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).contains("status", "size", "page");
  }

  @Test
  void shouldKeepAPendingRunUntilSubmittedAndRefuseToDeleteItUnlessTerminal() {
    String body =
        """
        {"name": "pending-run", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "auto_submit": false}
        """
            .formatted(dataset, features, model);
    ApiClient.Response created = api.post("/api/training-runs", body);
    assertThat(created.status()).isEqualTo(201);
    long id = created.body().get("id").asLong();
    assertThat(created.body().get("status").asText()).isEqualTo("pending");
    // defaults filled in from the documented defaults
    assertThat(created.body().at("/training_params/epochs").asInt()).isEqualTo(10);
    assertThat(created.body().at("/gpu_config/gpu_count").asInt()).isZero();
    assertThat(created.body().at("/deployment_config/action").asText()).isEqualTo("register_only");

    assertThat(api.post("/api/training-runs/" + id + "/push-anyway", null).status()).isEqualTo(409);
    assertThat(api.post("/api/training-runs/" + id + "/cancel", "{\"reason\": \"changed my mind\"}").status())
        .isEqualTo(202);
    assertThat(api.get("/api/training-runs/" + id).body().get("status").asText()).isEqualTo("cancelled");
    assertThat(api.post("/api/training-runs/" + id + "/submit", null).status()).isEqualTo(409);
    assertThat(api.delete("/api/training-runs/" + id).status()).isEqualTo(204);
    assertThat(api.get("/api/training-runs/" + id).status()).isEqualTo(404);
  }

  @Test
  void shouldNameEachBadDeploymentField() {
    String body =
        """
        {"name": "deploy-bad", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "deployment_config": {"action": "deploy_existing", "endpoint_name": "Recs_Endpoint",
                               "traffic_split_percent": 0}}
        """
            .formatted(dataset, features, model);
    long before = runCount();

    ApiClient.Response response = api.post("/api/training-runs", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response))
        .contains(
            "deployment_config.endpoint_id",
            "deployment_config.endpoint_name",
            "deployment_config.traffic_split_percent");
    assertThat(runCount()).isEqualTo(before);
  }

  private String body(String field, String value) {
    String name = "\"bad-input-run\"";
    String ids = "\"dataset_id\": %d, \"feature_config_id\": %d, \"model_config_id\": %d".formatted(dataset, features, model);
    if (field.equals("name")) {
      name = value;
    } else if (field.endsWith("_id")) {
      ids = ids.replaceFirst("\"" + field + "\": \\d+", "\"" + field + "\": " + value);
    }
    String section = field.contains(".") ? ", \"" + field.substring(0, field.indexOf('.')) + "\": " + value : "";
    return "{\"name\": " + name + ", " + ids + section + "}";
  }

  private long runCount() {
    return api.get("/api/training-runs?size=1").body().get("total").asLong();
  }

  private static List<String> fields(ApiClient.Response response) {
    List<String> fields = new ArrayList<>();
    for (JsonNode f : response.body().path("fields")) {
      fields.add(f.get("field").asText());
    }
    return fields;
  }
}
