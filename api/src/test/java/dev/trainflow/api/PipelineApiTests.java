package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pipelines over REST on the embedded default: definitions validated at creation (JSON and YAML),
 * and the seed's F1 shape (validate, four trainings in parallel, evaluate, register) with one
 * model's training made to fail.
 */
class PipelineApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  private static List<String> fields(ApiClient.Response response) {
    List<String> fields = new ArrayList<>();
    response.body().get("fields").forEach(f -> fields.add(f.get("field").asText()));
    return fields;
  }

  @Test
  void shouldRefuseACycleNamingIt() {
    ApiClient api = new ApiClient(port);

    ApiClient.Response response =
        api.post(
            "/api/pipelines",
            """
            {"pipeline_id": "cyclic", "tasks": [
              {"task_id": "a", "kind": "evaluate_models", "dependencies": ["c"]},
              {"task_id": "b", "kind": "register_models", "dependencies": ["a"]},
              {"task_id": "c", "kind": "register_models", "dependencies": ["b"]}]}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString()).contains("the dependencies form a cycle: a -> c -> b -> a");
    assertThat(api.get("/api/pipelines").body().toString()).doesNotContain("cyclic");
  }

  @Test
  void shouldRefuseDuplicateIdsUnknownDependenciesUnknownKindsAndBadUrls() {
    ApiClient api = new ApiClient(port);

    ApiClient.Response response =
        api.post(
            "/api/pipelines",
            """
            {"pipeline_id": "broken", "tasks": [
              {"task_id": "check", "kind": "validate_data", "dataset_id": 999999},
              {"task_id": "check", "kind": "register_models", "dependencies": ["train_x"]},
              {"task_id": "tell", "kind": "notify", "dependencies": ["check"], "url": "mailto:ops@example.com"},
              {"task_id": "self", "kind": "register_models", "dependencies": ["self"], "retries": 11},
              {"task_id": "page", "kind": "page_someone"},
              {"task_id": "quiet", "kind": "notify"}]}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response))
        .contains(
            "tasks[0].dataset_id", "tasks[1].task_id", "tasks[1].dependencies[0]", "tasks[2].url",
            "tasks[3].dependencies[0]", "tasks[3].retries", "tasks[4].kind", "tasks[5].url");
    assertThat(response.body().toString())
        .contains(
            "duplicate task id 'check'", "unknown dependency 'train_x'", "depends on itself",
            "'mailto:ops@example.com' is not an absolute http or https URL", "'page_someone' is not one of",
            "is required for a notify task");
  }

  @Test
  void shouldAcceptADefinitionInYaml() throws Exception {
    ApiClient api = new ApiClient(port);
    long dataset = new ApiFixtures(api).syntheticDataset(50, 20, 500);
    String yaml =
        """
        pipeline_id: %s
        description: a YAML definition
        tasks:
          - task_id: validate
            kind: validate_data
            dataset_id: %d
            timeout: 600
            retries: 2
        """
            .formatted(ApiFixtures.unique("yaml"), dataset);

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/pipelines"))
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(yaml))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body()).contains("\"timeout_seconds\":600", "\"retries\":2", "\"kind\":\"validate_data\"");
  }

  @Test
  void shouldTrainEvaluateAndRegisterTheModelsThatTrainWhileAFailedOneKeepsItsPreviousVersion() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    ApiClient.Response created =
        api.post(
            "/api/datasets",
            """
            {"name": "%s", "source": {"type": "synthetic", "customers": 80, "products": 40, "interactions": 2000, "seed": 5,
              "validation": {"min_rows": 1000, "completeness": {"customer_id": 0.0, "product_id": 0.0},
                             "validity": [{"column": "quantity", "type": "int", "min": 1}]}}}
            """
                .formatted(ApiFixtures.unique("f1-data")));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long dataset = created.body().get("id").asLong();
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();
    String prefix = ApiFixtures.unique("f1");
    String quick = "{\"epochs\": 1, \"batch_size\": 256}";
    String template =
        """
        {"ml_model_name": "%s-%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": %s, "evaluator_config": {"blessing_threshold": 0.0}}
        """;

    // model d has a version in service before the pipeline runs
    ApiClient.Response previous =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s-d-first", "ml_model_name": "%s-d", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": %s, "evaluator_config": {"blessing_threshold": 0.0}}
            """
                .formatted(prefix, prefix, dataset, features, model, quick));
    assertThat(previous.status()).as(previous.body().toString()).isEqualTo(201);
    assertThat(awaitRun(api, previous.body().get("id").asLong()).get("registered_model_version").asInt()).isEqualTo(1);

    // d's training is made to fail: a cost limit no epoch fits in (cost_limit_exceeded, not retried)
    String failing = "{\"epochs\": 3, \"batch_size\": 256, \"max_cost_usd\": 0.000000001}";
    StringBuilder tasks = new StringBuilder();
    tasks.append("{\"task_id\": \"validate\", \"kind\": \"validate_data\", \"dataset_id\": %d},".formatted(dataset));
    for (String m : List.of("a", "b", "c", "d")) {
      tasks.append("{\"task_id\": \"train_%s\", \"kind\": \"train\", \"dependencies\": [\"validate\"], \"retries\": 1, \"timeout\": 1800, \"run_template\": %s},"
          .formatted(m, template.formatted(prefix, m, dataset, features, model, m.equals("d") ? failing : quick)));
    }
    tasks.append("{\"task_id\": \"evaluate\", \"kind\": \"evaluate_models\", \"dependencies\": [\"train_a\", \"train_b\", \"train_c\", \"train_d\"]},");
    tasks.append("{\"task_id\": \"register\", \"kind\": \"register_models\", \"dependencies\": [\"evaluate\"]}");
    ApiClient.Response pipeline =
        api.post("/api/pipelines", "{\"pipeline_id\": \"%s\", \"description\": \"F1 style\", \"tasks\": [%s]}".formatted(prefix, tasks));
    assertThat(pipeline.status()).as(pipeline.body().toString()).isEqualTo(201);
    long pipelineId = pipeline.body().get("id").asLong();

    ApiClient.Response started = api.post("/api/pipelines/" + pipelineId + "/runs", null);
    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    JsonNode run = awaitPipelineRun(api, started.body().get("id").asLong());

    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("partially_succeeded");
    Map<String, JsonNode> taskById = new HashMap<>();
    run.get("tasks").forEach(t -> taskById.put(t.get("task_id").asText(), t));
    for (String ok : List.of("validate", "train_a", "train_b", "train_c", "evaluate", "register")) {
      assertThat(taskById.get(ok).get("status").asText()).as(ok + ": " + taskById.get(ok)).isEqualTo("succeeded");
    }
    JsonNode trainD = taskById.get("train_d");
    assertThat(trainD.get("status").asText()).isEqualTo("failed");
    assertThat(trainD.get("message").asText()).contains("cost_limit_exceeded");
    assertThat(trainD.get("attempts").asInt()).as("a non-retryable failure is not retried").isEqualTo(1);
    assertThat(names(taskById.get("evaluate").get("models"))).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
    assertThat(names(taskById.get("register").get("models"))).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");

    Map<String, JsonNode> models = new HashMap<>();
    run.get("models").forEach(m -> models.put(m.get("ml_model_name").asText(), m));
    for (String m : List.of("a", "b", "c")) {
      JsonNode outcome = models.get(prefix + "-" + m);
      assertThat(outcome.get("trained").asBoolean()).as(outcome.toString()).isTrue();
      assertThat(outcome.get("evaluated").asBoolean()).isTrue();
      assertThat(outcome.get("registered").asBoolean()).isTrue();
      assertThat(outcome.get("registered_version").asInt()).isEqualTo(1);
      assertThat(outcome.get("serving_version").asInt()).isEqualTo(1);
      assertThat(api.get("/api/training-runs/" + outcome.get("run_id").asLong()).body().get("status").asText()).isEqualTo("completed");
    }
    JsonNode d = models.get(prefix + "-d");
    assertThat(d.get("trained").asBoolean()).isFalse();
    assertThat(d.get("evaluated").asBoolean()).isFalse();
    assertThat(d.get("registered").asBoolean()).isFalse();
    assertThat(d.get("failure_reason").asText()).isEqualTo("cost_limit_exceeded");
    assertThat(d.get("serving_version").asInt()).as("the previous version stays in service").isEqualTo(1);
    JsonNode versionsOfD = api.get("/api/ml-models/" + prefix + "-d").body().get("versions");
    assertThat(versionsOfD).hasSize(1);
    assertThat(versionsOfD.get(0).get("training_run_id").asLong()).isEqualTo(previous.body().get("id").asLong());

    assertThat(api.get("/api/pipelines/" + pipelineId + "/runs").body().get("items").get(0).get("status").asText())
        .isEqualTo("partially_succeeded");
    String prometheus = api.get("/actuator/prometheus").body().asText();
    assertThat(prometheus)
        .contains(
            "trainflow_pipeline_runs_total{outcome=\"partially_succeeded\"}",
            "trainflow_pipeline_run_duration_seconds_count{outcome=\"partially_succeeded\"}",
            "trainflow_pipeline_tasks_total{kind=\"train\",outcome=\"failed\"}",
            "trainflow_pipeline_tasks_total{kind=\"train\",outcome=\"succeeded\"}",
            "trainflow_data_validation_checks_total{check=\"min_rows\",outcome=\"passed\",rule=\"min_rows\"}");

    // drift against the training data of the model registered last for the dataset: the same data
    ApiClient.Response drift =
        api.post("/api/datasets/" + dataset + "/drift", "{\"features\": [\"revenue\", \"price\", \"segment\", \"category\"]}");
    assertThat(drift.status()).as(drift.body().toString()).isEqualTo(200);
    assertThat(drift.body().get("reference").asText()).startsWith("training split of run ");
    assertThat(drift.body().get("drifted").asBoolean()).as(drift.body().toString()).isFalse();
  }

  @Test
  void shouldRunAPipelineOnlyAfterTheOneItDependsOnSucceeded() throws Exception {
    ApiClient api = new ApiClient(port);
    long dataset = new ApiFixtures(api).syntheticDataset(50, 20, 500);
    String first = ApiFixtures.unique("upstream");
    ApiClient.Response upstream =
        api.post("/api/pipelines", "{\"pipeline_id\": \"%s\", \"tasks\": [{\"task_id\": \"v\", \"kind\": \"validate_data\", \"dataset_id\": %d}]}".formatted(first, dataset));
    ApiClient.Response downstream =
        api.post("/api/pipelines", "{\"pipeline_id\": \"%s\", \"depends_on\": \"%s\", \"tasks\": [{\"task_id\": \"v\", \"kind\": \"validate_data\", \"dataset_id\": %d}]}"
            .formatted(ApiFixtures.unique("downstream"), first, dataset));
    assertThat(upstream.status()).isEqualTo(201);
    assertThat(downstream.status()).as(downstream.body().toString()).isEqualTo(201);
    long down = downstream.body().get("id").asLong();

    assertThat(api.post("/api/pipelines/" + down + "/runs", null).status()).isEqualTo(409);
    JsonNode up = awaitPipelineRun(api, api.post("/api/pipelines/" + upstream.body().get("id").asLong() + "/runs", null).body().get("id").asLong());
    assertThat(up.get("status").asText()).isEqualTo("succeeded");
    assertThat(up.at("/tasks/0/message").asText()).contains("has no data-quality gate");
    assertThat(api.post("/api/pipelines/" + down + "/runs", null).status()).isEqualTo(202);
  }

  @Test
  void shouldSkipRetrainingWhenTheDataDidNotDrift() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    // two datasets with the same generator settings read the same rows: no drift
    long current = fixtures.syntheticDataset(60, 30, 800);
    long reference = fixtures.syntheticDataset(60, 30, 800);
    String prefix = ApiFixtures.unique("gated");
    String body =
        """
        {"pipeline_id": "%s", "tasks": [
          {"task_id": "drift", "kind": "check_drift", "dataset_id": %d,
           "drift": {"reference_dataset_id": %d, "features": ["price", "revenue", "segment"], "default_threshold": 0.1}},
          {"task_id": "train", "kind": "train", "dependencies": ["drift"],
           "run_template": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "training_params": {"epochs": 1}}},
          {"task_id": "register", "kind": "register_models", "dependencies": ["train"]}]}
        """
            .formatted(prefix, current, reference, current, fixtures.idsOnlyFeatureConfig(), fixtures.retrievalModelConfig());
    ApiClient.Response pipeline = api.post("/api/pipelines", body);
    assertThat(pipeline.status()).as(pipeline.body().toString()).isEqualTo(201);
    assertThat(pipeline.body().at("/tasks/1/template/ml_model_name").asText()).isEqualTo(prefix + "-train");

    JsonNode run = awaitPipelineRun(api, api.post("/api/pipelines/" + pipeline.body().get("id").asLong() + "/runs", null).body().get("id").asLong());

    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.at("/tasks/0/message").asText()).startsWith("no drift above the thresholds against dataset " + reference);
    assertThat(run.at("/tasks/1/status").asText()).isEqualTo("skipped");
    assertThat(run.at("/tasks/1/message").asText()).contains("retraining not needed");
    assertThat(run.at("/tasks/2/status").asText()).isEqualTo("skipped");
    assertThat(run.get("models")).isEmpty();
    assertThat(api.post("/api/pipelines", body.replace(prefix, prefix + "-x").replace("\"default_threshold\": 0.1", "\"bins\": 1")).status())
        .isEqualTo(400);
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode awaitRun(ApiClient api, long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = api.get("/api/training-runs/" + id).body();
      String status = run.get("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("cancelled") || status.equals("not_blessed")) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("run " + id + " did not end");
  }

  private static JsonNode awaitPipelineRun(ApiClient api, long id) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      JsonNode run = api.get("/api/pipeline-runs/" + id).body();
      if (!run.get("status").asText().equals("running")) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("pipeline run " + id + " did not end: " + api.get("/api/pipeline-runs/" + id).body());
  }
}
