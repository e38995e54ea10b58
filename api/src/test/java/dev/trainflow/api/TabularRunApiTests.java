package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.trainflow.workflows.run.HistoryRecorder;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tabular runs over REST on the embedded default: a churn dataset, an XGBoost or random-forest
 * classification run with cross-validation and threshold gates on the cpu queue, its results
 * (test and CV metrics, each gate, feature importance), and a gate that blocks a weak model.
 */
class TabularRunApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;
  @Autowired WorkflowClient workflows;

  @Test
  void shouldTrainCrossValidateGateAndRegisterAnXGBoostChurnModel() throws InterruptedException {
    ApiClient api = new ApiClient(port);
    TabularFixtures fixtures = new TabularFixtures(api);
    long dataset = fixtures.churnDataset(3000);
    long features = fixtures.churnFeatures();
    long model = fixtures.classifier("xgboost");

    ApiClient.Response created = api.post("/api/training-runs", """
        {"name": "%s", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"cv_folds": 3, "num_trees": 60, "max_depth": 3, "learning_rate": 0.1, "seed": 5},
         "evaluator_config": {"thresholds": {"min_auc_roc": 0.65, "min_accuracy": 0.6}}}
        """.formatted(ApiFixtures.unique("xgb-run"), ApiFixtures.unique("churn-xgb"), dataset, features, model));

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode run = ApiFixtures.awaitEnd(api, created.body().get("id").asLong());
    HistoryRecorder.record(workflows, "training-run-" + run.get("id").asLong(), "v4-tabular-cv-completed");
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    JsonNode evaluation = run.get("evaluation_results");
    assertThat(evaluation.get("metric").asText()).isEqualTo("roc_auc");
    assertThat(evaluation.get("value").asDouble()).isGreaterThan(0.65);
    JsonNode metrics = evaluation.get("metrics");
    for (String name : List.of("accuracy", "precision", "recall", "f1_score", "roc_auc", "pr_auc", "cv_roc_auc", "cv_roc_auc_std")) {
      assertThat(metrics.has(name)).as(name + " in " + metrics).isTrue();
    }
    assertThat(metrics.get("cv_roc_auc").asDouble()).isGreaterThan(0.6);
    List<String> gates = new ArrayList<>();
    evaluation.get("gates").forEach(g -> gates.add(g.get("gate").asText() + "=" + g.get("passed").asBoolean()));
    assertThat(gates).containsExactly("min_auc_roc=true", "min_accuracy=true");
    assertThat(evaluation.get("feature_importance").fieldNames()).toIterable().contains("tenure_months", "contract_type");
    assertThat(run.get("registered_model_version").asInt()).isEqualTo(1);
    assertThat(run.get("stage_details").toString()).contains("3-fold cross-validation", "min_auc_roc 0.65 passed");
    assertThat(run.get("artifacts").get("feature_importance").asText()).endsWith("feature_importance.json");
  }

  @Test
  void shouldBlockAWeakModelByItsGateNamingTheGate() throws Exception {
    ApiClient api = new ApiClient(port);
    TabularFixtures fixtures = new TabularFixtures(api);
    long dataset = fixtures.churnDataset(1000);
    long features = fixtures.churnFeatures();
    long model = fixtures.classifier("random_forest");

    ApiClient.Response created = api.post("/api/training-runs", """
        {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"num_trees": 10, "max_depth": 2},
         "evaluator_config": {"thresholds": {"min_auc_roc": 0.99}, "push_anyway_timeout_hours": 0}}
        """.formatted(ApiFixtures.unique("weak-run"), dataset, features, model));

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();
    JsonNode run = awaitStatus(api, id, "not_blessed");
    awaitWorkflowEnd(id);
    HistoryRecorder.record(workflows, "training-run-" + id, "v4-tabular-not-blessed");
    JsonNode gate = run.get("evaluation_results").get("gates").get(0);
    assertThat(gate.get("gate").asText()).isEqualTo("min_auc_roc");
    assertThat(gate.get("passed").asBoolean()).isFalse();
    assertThat(gate.get("value").asDouble()).isLessThan(0.99).isGreaterThan(0.5);
    assertThat(run.path("registered_model_version").isMissingNode() || run.get("registered_model_version").isNull()).isTrue();
  }

  @Test
  void shouldRefuseTabularConfigsWithBadFieldsByName() {
    ApiClient api = new ApiClient(port);
    ApiClient.Response badModel = api.post("/api/model-configs", """
        {"name": "%s", "model_type": "classification", "trainer": "lightgbm2", "num_trees": 0, "embedding_dim": 8}
        """.formatted(ApiFixtures.unique("bad-trees")));
    ApiClient.Response badFeatures = api.post("/api/feature-configs", """
        {"name": "%s", "ignored_columns": ["churn"], "label_column": "churn"}
        """.formatted(ApiFixtures.unique("bad-table")));
    TabularFixtures fixtures = new TabularFixtures(api);
    long dataset = fixtures.churnDataset(500);
    long features = fixtures.churnFeatures();
    long model = fixtures.classifier("xgboost");
    ApiClient.Response badRun = api.post("/api/training-runs", """
        {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"cv_folds": 1, "subsample": 1.5},
         "evaluator_config": {"thresholds": {"min_auc_roc": 1.2, "max_rmse": 0.5, "min_lift": 0.1}}}
        """.formatted(ApiFixtures.unique("bad-run"), dataset, features, model));

    assertThat(badModel.status()).isEqualTo(400);
    assertThat(fields(badModel)).contains("trainer", "num_trees", "embedding_dim");
    assertThat(badFeatures.status()).isEqualTo(400);
    assertThat(fields(badFeatures)).contains("ignored_columns[0]");
    assertThat(badRun.status()).isEqualTo(400);
    assertThat(fields(badRun))
        .contains(
            "training_params.cv_folds", "training_params.subsample", "evaluator_config.thresholds.min_auc_roc",
            "evaluator_config.thresholds.max_rmse", "evaluator_config.thresholds.min_lift");
  }

  private static List<String> fields(ApiClient.Response response) {
    List<String> fields = new ArrayList<>();
    response.body().get("fields").forEach(f -> fields.add(f.get("field").asText()));
    return fields;
  }

  private void awaitWorkflowEnd(long id) throws java.util.concurrent.TimeoutException {
    workflows.newUntypedWorkflowStub("training-run-" + id).getResult(60, TimeUnit.SECONDS, Object.class);
  }

  static JsonNode awaitStatus(ApiClient api, long id, String status) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = api.get("/api/training-runs/" + id).body();
      if (run.get("status").asText().equals(status)) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("run " + id + " never became " + status + ": " + api.get("/api/training-runs/" + id).body());
  }
}
