package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import dev.trainflow.workflows.run.HistoryRecorder;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Durability on the real embedded runtime and the real trainer: preemption resumes from the
 * checkpoint and ends where an uninterrupted run ends; a cancelled run retried from the API
 * resumes; the cost limit stops a run; failures block an ml model until cleared.
 */
class DurabilityApiTests extends EmbeddedApiTest {
  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  @LocalServerPort int port;
  @Autowired WorkflowClient workflows;

  private ApiClient api;
  private long dataset;
  private long features;
  private long model;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    dataset = fixtures.syntheticDataset(400, 150, 12000);
    features = fixtures.idsOnlyFeatureConfig();
    model = fixtures.retrievalModelConfig();
  }

  @Test
  void shouldResumeAPreemptedRunFromItsCheckpointAndEndLikeAnUninterruptedOne() throws Exception {
    JsonNode uninterrupted = awaitEnd(create("straight-through", "{\"epochs\": 4, \"batch_size\": 512}", "{}"));
    JsonNode preempted =
        awaitEnd(
            create(
                "preempted-once",
                "{\"epochs\": 4, \"batch_size\": 512, \"retry_policy\": {\"initial_delay_seconds\": 0.1}}",
                "{\"preempt_at_epochs\": [2]}"));

    HistoryRecorder.record(workflows, preempted.get("workflow_id").asText(), "real-preempted-v1");
    assertThat(preempted.get("status").asText()).as(preempted.toString()).isEqualTo("completed");
    assertThat(preempted.get("attempts").asInt()).isEqualTo(2);
    assertThat(preempted.get("preemptions").asInt()).isEqualTo(1);
    JsonNode retry = preempted.at("/retry_history/0");
    assertThat(retry.get("reason").asText()).isEqualTo("preempted");
    assertThat(retry.get("checkpoint_epoch").asInt()).isEqualTo(2);
    assertThat(retry.get("last_epoch_reported").asInt()).isEqualTo(2);
    assertThat(retry.get("checkpoint_uri").asText()).contains("epoch-2");
    assertThat(preempted.at("/stage_details/5/attempt").asInt()).isEqualTo(2);
    assertThat(preempted.get("gpu_seconds_trained").asDouble()).isPositive();

    JsonNode history = api.get("/api/training-runs/" + preempted.get("id").asLong() + "/training-history").body();
    assertThat(history.get("epochs")).hasSize(4);
    for (String metric : new String[] {"recall_at_5", "recall_at_10", "recall_at_100", "loss"}) {
      assertThat(preempted.at("/evaluation_results/metrics/" + metric).asDouble())
          .as(metric)
          .isCloseTo(uninterrupted.at("/evaluation_results/metrics/" + metric).asDouble(), within(1e-6));
    }
  }

  @Test
  void shouldRetryACancelledRunFromItsCheckpointReusingItsPreparedData() throws Exception {
    long id = create("cancel-then-retry", "{\"epochs\": 40, \"batch_size\": 512}", "{}");
    await(id, run -> run.get("current_epoch").asInt() >= 2);
    assertThat(api.post("/api/training-runs/" + id + "/cancel", "{\"reason\": \"make room\"}").status()).isEqualTo(202);
    JsonNode cancelled = awaitEnd(id);
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("cancelled_at_stage").asText()).isEqualTo("train");
    int stoppedAt = cancelled.get("cancelled_at_epoch").asInt();
    assertThat(stoppedAt).isGreaterThanOrEqualTo(2);
    assertThat(cancelled.at("/artifacts/last_checkpoint").asText()).contains("/checkpoints/epoch-");

    ApiClient.Response retried = api.post("/api/training-runs/" + id + "/retry", null);
    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(202);
    JsonNode done = awaitEnd(id);

    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.at("/stage_details/1/message").asText()).contains("reused");
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    JsonNode history = api.get("/api/training-runs/" + id + "/training-history").body();
    assertThat(history.get("epochs")).hasSize(40);
    assertThat(api.post("/api/training-runs/" + id + "/retry", null).status()).isEqualTo(409);
  }

  @Test
  void shouldStopARunAtItsCostLimitAfterACheckpoint() throws Exception {
    JsonNode run =
        awaitEnd(create("over-budget", "{\"epochs\": 50, \"batch_size\": 256, \"max_cost_usd\": 0.00003}", "{}"));

    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("error_stage").asText()).isEqualTo("train");
    assertThat(run.at("/error_details/reason").asText()).isEqualTo("cost_limit_exceeded");
    assertThat(run.get("error_message").asText()).contains("cost limit");
    assertThat(run.get("attempts").asInt()).isEqualTo(1);
    assertThat(run.at("/artifacts/last_checkpoint").asText()).contains("/checkpoints/epoch-");
  }

  @Test
  void shouldBlockAnMlModelAfterThreeFailuresUntilAnAdminClearsIt() throws Exception {
    long brokenFeatures =
        api.post(
                "/api/feature-configs",
                """
                {"name": "%s", "query_id_column": "customer_id", "candidate_id_column": "product_id",
                 "query_features": [{"column": "loyalty_tier", "type": "string", "transform": "embedding"}],
                 "candidate_features": [{"column": "product_id", "type": "string", "transform": "embedding"}]}
                """
                    .formatted(ApiFixtures.unique("broken")))
            .body()
            .get("id")
            .asLong();
    for (int i = 0; i < 3; i++) {
      JsonNode failed = awaitEnd(createRun("flaky-" + i, "flaky-model", brokenFeatures));
      assertThat(failed.get("status").asText()).isEqualTo("failed");
      assertThat(failed.get("error_message").asText()).contains("loyalty_tier");
    }

    ApiClient.Response refused = api.post("/api/training-runs", runBody("flaky-4", "flaky-model", features));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("message").asText()).contains("blocked", "clear-block");

    assertThat(api.post("/api/ml-models/flaky-model/clear-block", null).body().get("blocked").asBoolean()).isFalse();
    ApiClient.Response accepted = api.post("/api/training-runs", runBody("flaky-5", "flaky-model", features));
    assertThat(accepted.status()).isEqualTo(201);
    awaitEnd(accepted.body().get("id").asLong());
  }

  @Test
  void shouldEstimateDurationAndCost() {
    ApiClient.Response estimate =
        api.get("/api/training-runs/estimate?dataset_id=" + dataset + "&epochs=10&gpu_type=NVIDIA_TESLA_T4&gpu_count=1");

    assertThat(estimate.status()).as(estimate.body().toString()).isEqualTo(200);
    JsonNode body = estimate.body();
    assertThat(body.get("dataset_rows").asLong()).isEqualTo(12000);
    assertThat(body.at("/duration_seconds/low").asDouble()).isPositive()
        .isLessThanOrEqualTo(body.at("/duration_seconds/high").asDouble());
    // n1-standard-8 $0.38 + one T4 $0.35 per hour
    assertThat(body.get("price_per_hour_usd").asDouble()).isCloseTo(0.73, within(1e-9));
    assertThat(body.at("/cost_usd/high").asDouble()).isPositive();

    ApiClient.Response bad = api.get("/api/training-runs/estimate?dataset_id=" + dataset + "&epochs=0&gpu_count=3");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().toString()).contains("epochs", "gpu_count");
  }

  private long create(String name, String trainingParams, String gpuConfig) {
    String body =
        """
        {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": %s, "gpu_config": %s}
        """
            .formatted(name, dataset, features, model, trainingParams, gpuConfig);
    ApiClient.Response response = api.post("/api/training-runs", body);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().get("id").asLong();
  }

  private long createRun(String name, String mlModel, long featureConfig) {
    ApiClient.Response response = api.post("/api/training-runs", runBody(name, mlModel, featureConfig));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().get("id").asLong();
  }

  private String runBody(String name, String mlModel, long featureConfig) {
    return """
        {"name": "%s", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"epochs": 1, "batch_size": 512}}
        """
        .formatted(name, mlModel, dataset, featureConfig, model);
  }

  private JsonNode awaitEnd(long id) throws InterruptedException {
    return await(id, run -> ENDED.contains(run.get("status").asText()));
  }

  private JsonNode await(long id, Predicate<JsonNode> until) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = api.get("/api/training-runs/" + id).body();
      if (until.test(run)) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("run " + id + " never got there: " + api.get("/api/training-runs/" + id).body());
  }
}
