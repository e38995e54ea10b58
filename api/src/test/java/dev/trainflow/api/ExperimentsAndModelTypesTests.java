package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over REST on the embedded default: a quick experiment, top-for-training, a training run seeded
 * by it with its comparison, a ranking run blessed on RMSE with its exported SavedModel, and the
 * rules that keep experiments quick and ranking models labelled.
 */
class ExperimentsAndModelTypesTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  @Test
  void shouldRankAnExperimentAndSeedATrainingRunThatComparesWithIt() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(600, 200, 20000);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();

    ApiClient.Response created =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "run_kind": "experiment", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"batch_size": 1024, "learning_rate": 0.2}}
            """
                .formatted(ApiFixtures.unique("quick"), dataset, features, model));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long experiment = created.body().get("id").asLong();
    assertThat(created.body().get("run_kind").asText()).isEqualTo("experiment");
    assertThat(created.body().at("/training_params/epochs").asInt()).isEqualTo(3);
    assertThat(created.body().at("/training_params/data_sample_percent").asDouble()).isEqualTo(20.0);
    JsonNode done = ApiFixtures.awaitEnd(api, experiment);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");

    JsonNode top = api.get("/api/experiments/top-for-training?model_type=retrieval&limit=5").body();
    assertThat(top.get("metric").asText()).isEqualTo("recall_at_100");
    assertThat(ids(top.get("items"))).contains(experiment);
    assertThat(api.get("/api/experiments?size=100").body().get("items").toString()).contains("\"id\":" + experiment);

    ApiClient.Response seeded =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "base_experiment_id": %d, "training_params": {"epochs": 2}}
            """
                .formatted(ApiFixtures.unique("from-experiment"), experiment));
    assertThat(seeded.status()).as(seeded.body().toString()).isEqualTo(201);
    assertThat(seeded.body().get("dataset_id").asLong()).isEqualTo(dataset);
    assertThat(seeded.body().get("model_config_id").asLong()).isEqualTo(model);
    assertThat(seeded.body().at("/training_params/learning_rate").asDouble()).isEqualTo(0.2);
    assertThat(seeded.body().at("/training_params/data_sample_percent").asDouble()).isEqualTo(100.0);
    long run = seeded.body().get("id").asLong();
    JsonNode trained = ApiFixtures.awaitEnd(api, run);

    assertThat(trained.get("status").asText()).as(trained.toString()).isEqualTo("completed");
    assertThat(trained.get("base_experiment_id").asLong()).isEqualTo(experiment);
    JsonNode vs = trained.get("vs_experiment");
    assertThat(vs.get("experiment_id").asLong()).isEqualTo(experiment);
    assertThat(vs.get("metric").asText()).isEqualTo("recall_at_100");
    assertThat(vs.get("delta").asDouble())
        .isEqualTo(vs.get("value").asDouble() - vs.get("experiment_value").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
    JsonNode evaluation = trained.get("evaluation_results");
    assertThat(evaluation.at("/baseline_metrics/recall_at_100").isNumber()).isTrue();
    assertThat(evaluation.at("/metrics/recall_at_100_unseen").isNumber()).isTrue();
    assertThat(evaluation.at("/lift/recall_at_100").isNumber()).isTrue();
    JsonNode history = api.get("/api/training-runs/" + run + "/training-history").body();
    assertThat(history.get("epochs")).hasSize(2);
    assertThat(history.at("/test/recall_at_100").asDouble()).isEqualTo(trained.at("/metrics/recall_at_100").asDouble());
  }

  @Test
  void shouldTrainARankingModelBlessedOnRmseAndExportItsSavedModel() throws Exception {
    ApiClient api = new ApiClient(port);
    long dataset = new ApiFixtures(api).syntheticDataset(400, 100, 12000);
    long features =
        created(
            api.post(
                "/api/feature-configs",
                """
                {"name": "%s", "query_id_column": "customer_id", "candidate_id_column": "product_id", "label_column": "quantity",
                 "query_features": [{"column": "customer_id", "type": "string", "transform": "embedding", "embedding_dim": 16},
                                    {"column": "segment", "type": "string", "transform": "embedding", "embedding_dim": 4},
                                    {"column": "timestamp", "name": "when", "type": "timestamp", "transform": "cyclical"}],
                 "candidate_features": [{"column": "product_id", "type": "string", "transform": "embedding", "embedding_dim": 16},
                                        {"name": "category_x_price", "type": "string", "transform": "cross",
                                         "columns": ["category", "price"], "hash_buckets": 200, "embedding_dim": 4}]}
                """
                    .formatted(ApiFixtures.unique("ranking-features"))));
    long model =
        created(
            api.post(
                "/api/model-configs",
                """
                {"name": "%s", "model_type": "ranking", "embedding_dim": 16, "ranking_layers": [32], "optimizer": "adam",
                 "learning_rate": 0.01}
                """
                    .formatted(ApiFixtures.unique("ranker"))));

    ApiClient.Response createdRun =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": 3, "batch_size": 512, "early_stopping": {"patience": 2},
                                 "lr_schedule": {"type": "cosine", "min_lr": 0.001}},
             "evaluator_config": {"metric": "rmse", "blessing_threshold": 100}}
            """
                .formatted(ApiFixtures.unique("ranking"), dataset, features, model));
    assertThat(createdRun.status()).as(createdRun.body().toString()).isEqualTo(201);
    JsonNode run = ApiFixtures.awaitEnd(api, createdRun.body().get("id").asLong());

    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.get("is_blessed").asBoolean()).isTrue();
    assertThat(run.at("/metrics/rmse").asDouble()).isPositive();
    assertThat(run.at("/metrics/recall_at_100").isNull() || run.at("/metrics/recall_at_100").isMissingNode()).isTrue();
    assertThat(run.at("/evaluation_results/baseline_metrics/rmse").isNumber()).isTrue();
    assertThat(run.at("/evaluation_results/threshold").asDouble()).isEqualTo(100.0);
    JsonNode history = api.get("/api/training-runs/" + run.get("id").asLong() + "/training-history").body();
    assertThat(history.at("/epochs/0/rmse").isNumber()).isTrue();
    assertThat(history.at("/epochs/1/learning_rate").asDouble()).isLessThan(history.at("/epochs/0/learning_rate").asDouble());
    Path modelFolder = Path.of(URI.create(run.get("model_artifact_uri").asText()));
    assertThat(modelFolder.resolve("saved_model/saved_model.pb")).exists();
    assertThat(modelFolder.resolve("model_meta.json")).exists();
    assertThat(Files.readString(modelFolder.resolve("model_meta.json"))).contains("\"test\"").contains("\"rmse\"");
  }

  @Test
  void shouldKeepExperimentsQuickAndRankingModelsLabelled() {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(50, 20, 500);
    long features = fixtures.idsOnlyFeatureConfig();
    long retrieval = fixtures.retrievalModelConfig();
    long ranking = created(api.post("/api/model-configs", "{\"name\": \"%s\", \"model_type\": \"ranking\"}".formatted(ApiFixtures.unique("r"))));
    ApiClient.Response training =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "auto_submit": false}
            """
                .formatted(ApiFixtures.unique("pending"), dataset, features, retrieval));

    ApiClient.Response longExperiment =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "run_kind": "experiment", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": 50}, "gpu_config": {"gpu_type": "NVIDIA_L4", "gpu_count": 1}}
            """
                .formatted(ApiFixtures.unique("long"), dataset, features, retrieval));
    ApiClient.Response unlabelled =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "evaluator_config": {"metric": "recall_at_100"}}
            """
                .formatted(ApiFixtures.unique("unlabelled"), dataset, features, ranking));
    ApiClient.Response notAnExperiment =
        api.post(
            "/api/training-runs",
            "{\"name\": \"%s\", \"base_experiment_id\": %d}".formatted(ApiFixtures.unique("seeded"), training.body().get("id").asLong()));
    ApiClient.Response noModelType = api.get("/api/experiments/top-for-training");
    ApiClient.Response tabular = api.get("/api/experiments/top-for-training?model_type=classification");

    assertThat(fields(longExperiment)).contains("training_params.epochs", "gpu_config.gpu_count");
    assertThat(fields(unlabelled)).contains("feature_config_id", "evaluator_config.metric");
    assertThat(fields(notAnExperiment)).contains("base_experiment_id");
    assertThat(fields(noModelType)).contains("model_type");
    assertThat(fields(tabular)).containsExactly("model_type");
    assertThat(tabular.body().toString()).contains("tuning-jobs");
  }

  private static List<Long> ids(JsonNode items) {
    List<Long> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  private static List<String> fields(ApiClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    response.body().path("fields").forEach(f -> fields.add(f.get("field").asText()));
    return fields;
  }

  private static long created(ApiClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().get("id").asLong();
  }
}
