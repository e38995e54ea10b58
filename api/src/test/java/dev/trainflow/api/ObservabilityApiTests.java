package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real run on the embedded default is visible in metrics while it runs and once it ended, in its
 * stage logs, and in the audit log with everything a reproduction needs.
 */
class ObservabilityApiTests extends EmbeddedApiTest {
  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  @LocalServerPort int port;

  private ApiClient api;
  private ApiFixtures fixtures;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    fixtures = new ApiFixtures(api);
  }

  @Test
  void shouldMoveTheRunsMetricsWhileItRunsAndDropItsSeriesWhenItEnds() throws Exception {
    PrometheusText before = scrape();
    long id = createRun("metered-run", 6);
    String runId = Long.toString(id);

    // while it runs: its own series appear, and its progress moves
    List<Double> progress = new ArrayList<>();
    JsonNode run = api.get("/api/training-runs/" + id).body();
    while (!ENDED.contains(run.get("status").asText())) {
      PrometheusText now = scrape();
      now.samples("trainflow_training_run_progress_ratio").stream()
          .filter(s -> runId.equals(s.labels().get("run_id")))
          .forEach(s -> progress.add(s.value()));
      TimeUnit.MILLISECONDS.sleep(200);
      run = api.get("/api/training-runs/" + id).body();
    }
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(progress).as("progress gauge of run %s seen while it ran", id).isNotEmpty();

    PrometheusText after = awaitScrape(s -> !s.has("trainflow_training_run_progress_ratio", Map.of("run_id", runId)));
    Files.writeString(Path.of("target", "prometheus-after-run.txt"), after.text());
    assertThat(delta(before, after, "trainflow_training_runs_started_total", Map.of())).isEqualTo(1);
    assertThat(delta(before, after, "trainflow_training_runs_finished_total", Map.of("status", "completed", "model_type", "retrieval")))
        .isEqualTo(1);
    assertThat(delta(before, after, "trainflow_training_run_duration_seconds_count", Map.of("status", "completed"))).isEqualTo(1);
    assertThat(delta(before, after, "trainflow_training_queue_delay_seconds_count", Map.of())).isEqualTo(1);
    assertThat(delta(before, after, "trainflow_training_epochs_total", Map.of())).isEqualTo(6);
    assertThat(delta(before, after, "trainflow_training_checkpoints_saved_total", Map.of())).isPositive();
    assertThat(delta(before, after, "trainflow_training_device_seconds_total", Map.of("outcome", "trained"))).isPositive();
    assertThat(delta(before, after, "trainflow_data_split_rows_count", Map.of("split", "train"))).isEqualTo(1);
    assertThat(after.sum("trainflow_training_runs", Map.of("status", "completed"))).isPositive();
    assertThat(after.sum("trainflow_workers_polling", Map.of("task_queue", "gpu"))).isEqualTo(1);
    // the histogram has buckets, and no run id among its labels
    assertThat(after.samples("trainflow_training_run_duration_seconds_bucket"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("run_id"));
    // the Temporal SDK's worker and client meters, bridged by the starter into the same registry
    assertThat(after.names())
        .contains("temporal_workflow_completed_total", "temporal_activity_execution_latency_seconds_count",
            "temporal_request_total", "temporal_worker_start_total");
  }

  @Test
  void shouldKeepEachStagesLogWithTheRunsContextAndReturnIt() throws Exception {
    long id = createRun("logged-run", 2);
    awaitEnd(id);

    JsonNode logs = api.get("/api/training-runs/" + id + "/logs").body();
    assertThat(logs.get("run_id").asLong()).isEqualTo(id);
    List<String> stages = new ArrayList<>();
    logs.get("stages").forEach(s -> stages.add(s.get("stage").asText()));
    assertThat(stages).containsExactly(
        "compile", "examples", "statistics", "schema", "transform", "train", "evaluate", "register", "deploy");
    JsonNode train = logs.get("stages").get(5);
    assertThat(train.get("attempt").asInt()).isEqualTo(1);
    assertThat(train.get("lines").toString())
        .contains("stage train attempt 1 started")
        .contains("stage train attempt 1 finished")
        .contains("dev.trainflow.worker");
    assertThat(train.at("/lines/0/worker").asText()).isNotBlank();

    JsonNode onlyTrain = api.get("/api/training-runs/" + id + "/logs?stage=train&tail=1").body();
    assertThat(onlyTrain.get("stages")).hasSize(1);
    assertThat(onlyTrain.at("/stages/0/lines")).hasSize(1);

    ApiClient.Response bad = api.get("/api/training-runs/" + id + "/logs?stage=training&tail=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("fields").toString()).contains("\"stage\"").contains("\"tail\"");
    assertThat(api.get("/api/training-runs/999999/logs").status()).isEqualTo(404);
  }

  @Test
  void shouldAuditTheRunWithEverythingAReproductionNeeds() throws Exception {
    long id = createRun("audited-run", 2);
    awaitEnd(id);

    JsonNode entries = api.get("/api/training-runs/" + id + "/audit").body().get("items");
    List<String> events = new ArrayList<>();
    entries.forEach(e -> events.add(e.get("event").asText()));
    assertThat(events).containsSubsequence("api_call", "run_started", "run_finished");
    JsonNode call = entries.get(events.indexOf("api_call"));
    assertThat(call.get("actor").asText()).isEqualTo("anonymous (auth off)");
    assertThat(call.get("http_method").asText()).isEqualTo("POST");
    assertThat(call.get("path").asText()).isEqualTo("/api/training-runs");
    assertThat(call.get("http_status").asInt()).isEqualTo(201);

    JsonNode finished = entries.get(events.indexOf("run_finished"));
    assertThat(finished.get("run_status").asText()).isEqualTo("completed");
    assertThat(finished.get("git_commit").asText()).isNotBlank();
    assertThat(finished.get("config_sha256").asText()).hasSize(64);
    JsonNode d = finished.get("details");
    assertThat(d.at("/service/git_commit").asText()).isNotBlank();
    assertThat(d.get("reproducible_config_sha256").asText()).hasSize(64);
    assertThat(d.at("/training_params/epochs").asInt()).isEqualTo(2);
    assertThat(d.at("/training_params/seed").isNumber()).isTrue();
    assertThat(d.at("/dataset/version").asInt()).isPositive();
    assertThat(d.at("/dataset/checksum").asText()).hasSize(64);
    assertThat(d.at("/dataset/splits")).hasSize(4).allSatisfy(s -> assertThat(s.get("sha256").asText()).hasSize(64));
    assertThat(d.get("worker_identity").asText()).isNotBlank();
    assertThat(d.get("started_at").asText()).isNotBlank();
    assertThat(d.get("finished_at").asText()).isNotBlank();
    assertThat(d.at("/final_metrics/metrics/recall_at_100").isNumber()).isTrue();
    assertThat(d.at("/model/sha256").asText()).hasSize(64);
    assertThat(d.get("cost_usd").isNumber()).isTrue();
  }

  @Test
  void shouldReproduceARunFromItsAuditRecordAndRecordThatItsMetricsMatch() throws Exception {
    long original = createRun("to-reproduce", 2);
    awaitEnd(original);

    JsonNode config = api.get("/api/training-runs/" + original + "/reproduce").body();
    assertThat(config.get("source").asText()).isEqualTo("audit_log");
    assertThat(config.at("/request/training_params/epochs").asInt()).isEqualTo(2);
    assertThat(config.at("/request/dataset_id").isNumber()).isTrue();
    assertThat(config.at("/dataset/splits")).hasSize(4);

    ApiClient.Response invalid = api.post("/api/training-runs/" + original + "/reproduce", "{\"tolerance\": -1}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().get("fields").toString()).contains("\"tolerance\"");

    ApiClient.Response created = api.post("/api/training-runs/" + original + "/reproduce", "{\"tolerance\": 0.001}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long reproduction = created.body().get("id").asLong();
    assertThat(created.body().get("name").asText()).isEqualTo("to-reproduce-repro");
    JsonNode ended = awaitEnd(reproduction);
    assertThat(ended.get("status").asText()).isEqualTo("completed");

    JsonNode verdict = awaitReproductionResult(reproduction);
    assertThat(verdict.get("reproduced").asBoolean()).as(verdict.toString()).isTrue();
    assertThat(verdict.get("original_run_id").asLong()).isEqualTo(original);
    assertThat(verdict.get("config_matches").asBoolean()).isTrue();
    assertThat(verdict.get("dataset_matches").asBoolean()).isTrue();
    assertThat(verdict.at("/metrics/recall_at_100/within_tolerance").asBoolean()).isTrue();
    assertThat(api.get("/api/training-runs/" + original + "/reproduce").body().at("/reproductions/0/run_id").asLong())
        .isEqualTo(reproduction);
    List<String> events = new ArrayList<>();
    api.get("/api/training-runs/" + reproduction + "/audit").body().get("items").forEach(e -> events.add(e.get("event").asText()));
    assertThat(events).contains("reproduction_compared");
  }

  private JsonNode awaitReproductionResult(long id) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonNode result = api.get("/api/training-runs/" + id + "/reproduce").body().get("reproduction_result");
      if (result != null && !result.isNull()) {
        return result;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("no reproduction result for run " + id);
  }

  private long createRun(String name, int epochs) {
    long dataset = fixtures.syntheticDataset(400, 150, 12000);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();
    ApiClient.Response created =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": %d, "batch_size": 512, "checkpoint_every_epochs": 1},
             "evaluator_config": {"blessing_threshold": 0.0}}
            """
                .formatted(name, ApiFixtures.unique(name), dataset, features, model, epochs));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private JsonNode awaitEnd(long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = api.get("/api/training-runs/" + id).body();
      if (ENDED.contains(run.get("status").asText())) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
    throw new AssertionError("run " + id + " did not end");
  }

  private PrometheusText scrape() {
    ApiClient.Response response = api.get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    return PrometheusText.parse(response.body().asText());
  }

  private PrometheusText awaitScrape(java.util.function.Predicate<PrometheusText> condition) throws InterruptedException {
    PrometheusText last = scrape();
    for (int i = 0; i < 50 && !condition.test(last); i++) {
      TimeUnit.MILLISECONDS.sleep(200);
      last = scrape();
    }
    assertThat(condition.test(last)).as("scrape condition").isTrue();
    return last;
  }

  private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }
}
