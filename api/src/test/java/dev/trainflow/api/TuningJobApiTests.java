package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tuning jobs over REST on the embedded default: validation, a real two-trial job whose trials are
 * real (tiny) training runs, its promotion, and cancellation.
 */
class TuningJobApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  private ApiClient api;
  private long dataset;
  private long features;
  private long model;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    dataset = fixtures.syntheticDataset(60, 30, 1500);
    features = fixtures.idsOnlyFeatureConfig();
    model = fixtures.retrievalModelConfig();
  }

  @Test
  void shouldRefuseABadSpecNamingEveryBadFieldAndCreateNothing() {
    int before = api.get("/api/tuning-jobs?limit=200").body().get("items").size();
    ApiClient.Response refused =
        api.post(
            "/api/tuning-jobs",
            """
            {"name": "bad-tuning",
             "base_run": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d},
             "search_space": {
               "dropout_rate": {"type": "uniform", "min": 0.1, "max": 0.5},
               "learning_rate": {"type": "uniform", "min": 0.3, "max": 0.1},
               "gradient_clip_norm": {"type": "log_uniform", "min": 0, "max": 1},
               "optimizer": {"type": "choice", "values": []},
               "epochs": {"type": "uniform", "min": 1, "max": 3},
               "batch_size": {"type": "normal", "min": 1, "max": 3}},
             "objective": {"direction": "upward"},
             "max_trials": 4, "parallelism": 5, "algorithm": "grid",
             "early_stopping": {"type": "median"}}
            """
                .formatted(dataset, features, model));

    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    refused.body().get("fields").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields)
        .contains(
            "search_space.dropout_rate", "search_space.learning_rate", "search_space.gradient_clip_norm.min",
            "search_space.optimizer.values", "search_space.epochs.type", "search_space.batch_size.type",
            "objective.metric", "objective.direction", "parallelism", "algorithm", "early_stopping.type");
    assertThat(refused.body().toString()).contains("is not a field of training_params").contains("min must be below max");
    assertThat(api.get("/api/tuning-jobs?limit=200").body().get("items").size()).isEqualTo(before);

    ApiClient.Response noBase = api.post("/api/tuning-jobs", "{\"name\": \"no-base\", \"max_trials\": 0}");
    assertThat(noBase.status()).isEqualTo(400);
    assertThat(noBase.body().toString()).contains("base_run").contains("max_trials").contains("search_space").contains("objective");
    ApiClient.Response unknownField = api.post("/api/tuning-jobs", "{\"name\": \"x-y-z\", \"base_run\": {\"scheduled_at\": \"2030-01-01T00:00:00Z\"}}");
    assertThat(unknownField.body().toString()).contains("base_run.scheduled_at");
    ApiClient.Response outOfBounds =
        api.post("/api/tuning-jobs", job(ApiFixtures.unique("bounds"), "\"learning_rate\": {\"type\": \"log_uniform\", \"min\": 0.01, \"max\": 50}", 2, 1));
    assertThat(outOfBounds.status()).isEqualTo(400);
    assertThat(outOfBounds.body().at("/fields/0/field").asText()).isEqualTo("search_space.learning_rate");
    assertThat(outOfBounds.body().at("/fields/0/message").asText()).contains("learning_rate = 50.0");
  }

  @Test
  void shouldRefuseAnObjectiveOrStoppingTheBaseRunCannotReport() {
    TabularFixtures tabular = new TabularFixtures(api);
    String churnBase = """
        {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "training_params": {"num_trees": 10}}
        """.formatted(tabular.churnDataset(500), tabular.churnFeatures(), tabular.classifier("xgboost"));
    String space = "{\"max_depth\": {\"type\": \"int\", \"min\": 2, \"max\": 4}}";

    ApiClient.Response wrongMetric = api.post("/api/tuning-jobs", """
        {"name": "%s", "base_run": %s, "search_space": %s, "max_trials": 2,
         "objective": {"metric": "recall_at_100", "direction": "maximize"}}
        """.formatted(ApiFixtures.unique("wrong-metric"), churnBase, space));
    ApiClient.Response wrongWay = api.post("/api/tuning-jobs", """
        {"name": "%s", "base_run": %s, "search_space": %s, "max_trials": 2,
         "objective": {"metric": "cv_roc_auc", "direction": "minimize"},
         "early_stopping": {"type": "successive_halving"}}
        """.formatted(ApiFixtures.unique("wrong-way"), churnBase, space));
    ApiClient.Response recommenderHalving = api.post("/api/tuning-jobs", """
        {"name": "%s", "base_run": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d},
         "search_space": {"epochs": {"type": "int", "min": 1, "max": 2}}, "max_trials": 2,
         "objective": {"metric": "recall_at_100", "direction": "maximize"}, "early_stopping": {"type": "successive_halving"}}
        """.formatted(ApiFixtures.unique("tf-halving"), dataset, features, model));

    assertThat(wrongMetric.status()).isEqualTo(400);
    assertThat(wrongMetric.body().at("/fields/0/field").asText()).isEqualTo("objective.metric");
    assertThat(wrongMetric.body().at("/fields/0/message").asText()).contains("cv_roc_auc");
    assertThat(wrongWay.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    wrongWay.body().get("fields").forEach(f -> fields.add(f.get("field").asText()));
    assertThat(fields).containsExactly("objective.direction", "early_stopping");
    assertThat(recommenderHalving.status()).isEqualTo(400);
    assertThat(recommenderHalving.body().at("/fields/0/field").asText()).isEqualTo("early_stopping");
  }

  @Test
  void shouldRunTrialsAsTrainingRunsAndPromoteTheBest() throws Exception {
    String name = ApiFixtures.unique("lr-tuning");
    ApiClient.Response created =
        api.post("/api/tuning-jobs", job(name, "\"learning_rate\": {\"type\": \"log_uniform\", \"min\": 0.01, \"max\": 0.5}", 2, 2));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();
    assertThat(created.body().get("workflow_id").asText()).isEqualTo("tuning-job-" + id);
    assertThat(created.body().get("status").asText()).isEqualTo("running");
    assertThat(created.body().get("seed").asLong()).isEqualTo(7);
    assertThat(created.body().get("algorithm").asText()).isEqualTo("tpe");
    assertThat(created.body().at("/base_run/training_params/epochs").asInt()).isEqualTo(1);
    assertThat(created.body().at("/search_space/learning_rate/type").asText()).isEqualTo("log_uniform");
    assertThat(api.get("/api/tuning-jobs").body().get("items")).anyMatch(j -> j.get("id").asLong() == id);

    JsonNode done = awaitJob(id, j -> !j.get("status").asText().equals("running"));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("trials")).hasSize(2);
    for (JsonNode trial : done.get("trials")) {
      assertThat(trial.get("status").asText()).as(trial.toString()).isEqualTo("completed");
      JsonNode run = api.get("/api/training-runs/" + trial.get("training_run_id").asLong()).body();
      assertThat(run.get("status").asText()).isEqualTo("completed");
      assertThat(run.at("/training_params/learning_rate").asDouble()).isEqualTo(trial.at("/params/learning_rate").asDouble());
      assertThat(trial.at("/metrics/recall_at_100").asDouble()).isEqualTo(trial.get("objective_value").asDouble());
    }
    JsonNode best = done.get("best");
    assertThat(best.get("trial_number").asInt()).isEqualTo(done.get("best_trial").asInt());
    for (JsonNode trial : done.get("trials")) {
      assertThat(best.get("objective_value").asDouble()).isGreaterThanOrEqualTo(trial.get("objective_value").asDouble());
    }

    ApiClient.Response promoted = api.post("/api/tuning-jobs/" + id + "/promote", null);
    assertThat(promoted.status()).as(promoted.body().toString()).isEqualTo(201);
    long runId = promoted.body().get("id").asLong();
    assertThat(promoted.body().get("trial_number").asInt()).isEqualTo(best.get("trial_number").asInt());
    JsonNode run = api.get("/api/training-runs/" + runId).body();
    assertThat(run.at("/training_params/learning_rate").asDouble()).isEqualTo(best.at("/params/learning_rate").asDouble());
    assertThat(run.get("ml_model_name").asText()).isEqualTo(name);
    assertThat(api.get("/api/tuning-jobs/" + id).body().get("promoted_run_id").asLong()).isEqualTo(runId);
    assertThat(ApiFixtures.awaitEnd(api, runId).get("status").asText()).isEqualTo("completed");
    assertThat(api.get("/api/training-runs/" + runId + "/audit").body().toString()).contains("tuning_job_promoted");
  }

  @Test
  void shouldRefusePromotionWithoutACompletedTrialAndCancelTheJob() throws Exception {
    ApiClient.Response created =
        api.post("/api/tuning-jobs", job(ApiFixtures.unique("cancelled"), "\"epochs\": {\"type\": \"int\", \"min\": 1, \"max\": 2}", 4, 1));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();

    ApiClient.Response refused = api.post("/api/tuning-jobs/" + id + "/promote", null);
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
    assertThat(refused.body().get("message").asText()).contains("no completed trial");

    ApiClient.Response cancel = api.post("/api/tuning-jobs/" + id + "/cancel", "{\"reason\": \"wrong dataset\"}");
    assertThat(cancel.status()).as(cancel.body().toString()).isEqualTo(202);
    JsonNode cancelled = awaitJob(id, j -> j.get("status").asText().equals("cancelled"));
    assertThat(cancelled.get("error").asText()).isEqualTo("wrong dataset");
    assertThat(cancelled.get("trials")).hasSizeLessThan(4).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("cancelled"));
    assertThat(api.post("/api/tuning-jobs/" + id + "/cancel", null).status()).isEqualTo(409);
    assertThat(api.post("/api/tuning-jobs/" + id + "/promote", null).status()).isEqualTo(409);
    assertThat(api.get("/api/tuning-jobs/999999").status()).isEqualTo(404);
    assertThat(api.post("/api/tuning-jobs/999999/promote", null).status()).isEqualTo(404);
  }

  private String job(String name, String space, int maxTrials, int parallelism) {
    return """
        {"name": "%s", "seed": 7,
         "base_run": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
                      "training_params": {"epochs": 1, "batch_size": 1024}},
         "search_space": {%s},
         "objective": {"metric": "recall_at_100", "direction": "maximize"},
         "max_trials": %d, "parallelism": %d}
        """
        .formatted(name, dataset, features, model, space, maxTrials, parallelism);
  }

  private JsonNode awaitJob(long id, Predicate<JsonNode> done) throws InterruptedException {
    JsonNode job = null;
    for (int i = 0; i < 1200; i++) {
      job = api.get("/api/tuning-jobs/" + id).body();
      if (done.test(job)) {
        return job;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("tuning job " + id + " did not get there: " + job);
  }
}
