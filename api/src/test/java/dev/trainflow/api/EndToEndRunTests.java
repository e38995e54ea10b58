package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.workflows.run.HistoryRecorder;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real run over REST on the embedded default: synthetic data, every stage, TensorFlow training,
 * evaluation against the test split, registration.
 */
class EndToEndRunTests extends EmbeddedApiTest {
  private static final int PRODUCTS = 300;

  @LocalServerPort int port;
  @Autowired WorkflowClient workflows;

  @Test
  void shouldTrainEvaluateAndRegisterAModelThatBeatsRandom() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(600, PRODUCTS, 20000);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();

    ApiClient.Response created =
        api.post(
            "/api/training-runs",
            """
            {"name": "end-to-end", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": 3, "batch_size": 1024},
             "evaluator_config": {"blessing_threshold": 0.0}}
            """
                .formatted(dataset, features, model));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();
    assertThat(created.body().get("workflow_id").asText()).isEqualTo("training-run-" + id);

    JsonNode run = ApiFixtures.awaitEnd(api, id);
    HistoryRecorder.record(workflows, "training-run-" + id, "real-completed-v1");

    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.get("progress_percent").asInt()).isEqualTo(100);
    assertThat(run.get("current_epoch").asInt()).isEqualTo(3);
    for (JsonNode stage : run.get("stage_details")) {
      assertThat(stage.get("status").asText()).as(stage.toString()).isEqualTo("completed");
      assertThat(stage.get("duration_seconds").isNumber()).isTrue();
    }
    double random = 100.0 / PRODUCTS;
    double recall = run.at("/metrics/recall_at_100").asDouble();
    assertThat(recall).as("test recall@100 vs random %.3f", random).isGreaterThan(random + 0.15);
    assertThat(run.get("is_blessed").asBoolean()).isTrue();
    assertThat(run.get("registered_model_version").asInt()).isEqualTo(1);
    assertThat(run.get("config_sha256").asText()).hasSize(64);
    assertThat(run.get("dataset_version").asInt()).isEqualTo(1);
    assertThat(run.get("deployment_status").asText()).isEqualTo("registered");

    JsonNode history = api.get("/api/training-runs/" + id + "/training-history").body();
    assertThat(history.get("epochs")).hasSize(3);
    assertThat(history.at("/epochs/2/train_loss").asDouble()).isLessThan(history.at("/epochs/0/train_loss").asDouble());
    assertThat(history.at("/epochs/0/recall_at_100").isNumber()).isTrue();

    JsonNode artifacts = api.get("/api/training-runs/" + id + "/artifacts").body();
    assertThat(artifacts.get("artifacts").has("config_snapshot")).isTrue();
    assertThat(artifacts.get("model_artifact_uri").asText()).startsWith("file:");

    assertThat(api.get("/api/training-runs/" + id + "/errors").body().get("failed_stages")).isEmpty();
    assertThat(api.get("/api/training-runs?status=completed&search=end-to").body().get("total").asLong()).isPositive();
  }

  @Test
  void shouldReportHealthUpWhileWorkersPoll() {
    ApiClient.Response health = new ApiClient(port).get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asText()).isEqualTo("UP");
    assertThat(health.body().at("/components/workers/details/task_queues").toString())
        .contains("orchestration", "data", "gpu");
    assertThat(health.raw().headers().firstValue("X-Trainflow-Auth")).hasValue("off");
  }
}
