package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import dev.trainflow.workflows.run.HistoryRecorder;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 9's "done when", from REST on the embedded default: a churn dataset is generated, an
 * XGBoost run with cross-validation and gates completes and goes to production, a tuning job
 * (TPE, parallelism 3, successive halving on folds) improves on it, its best trial is promoted to
 * a full run, that run's version goes to staging (measured against production) and then to
 * production with a deploy, and the endpoint serves it.
 */
class ChurnPipelineApiTests extends EmbeddedApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired WorkflowClient workflows;

  @Test
  void shouldGoFromChurnDataToATunedModelInProduction() throws Exception {
    ApiClient api = new ApiClient(port);
    TabularFixtures fixtures = new TabularFixtures(api);
    long dataset = fixtures.churnDataset(3000);
    long features = fixtures.churnFeatures();
    long model = fixtures.classifier("xgboost");
    String name = ApiFixtures.unique("churn-tuned");
    String base = """
        {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "ml_model_name": "%s",
         "training_params": {"cv_folds": 3, "num_trees": 8, "max_depth": 1, "learning_rate": 0.05, "seed": 3},
         "evaluator_config": {"thresholds": {"min_auc_roc": 0.6, "min_accuracy": 0.6}}}
        """.formatted(dataset, features, model, name);

    ApiClient.Response baseRun = api.post("/api/training-runs", base.replaceFirst("\\{", "{\"name\": \"churn-base-" + name + "\", "));
    assertThat(baseRun.status()).as(baseRun.body().toString()).isEqualTo(201);
    JsonNode baseline = ApiFixtures.awaitEnd(api, baseRun.body().get("id").asLong());
    assertThat(baseline.get("status").asText()).as(baseline.toString()).isEqualTo("completed");
    double baseCvAuc = baseline.at("/evaluation_results/metrics/cv_roc_auc").asDouble();
    assertThat(baseline.at("/evaluation_results/gates")).allSatisfy(g -> assertThat(g.get("passed").asBoolean()).isTrue());
    ApiClient.Response first = api.post("/api/models/" + name + "/versions/1/transition", """
        {"stage": "production", "deploy": {"endpoint_name": "%s"}}
        """.formatted(ApiFixtures.unique("churn-live")));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    String predictUrl = first.body().at("/deployment/predict_url").asText();
    long endpointId = first.body().at("/deployment/id").asLong();

    ApiClient.Response job = api.post("/api/tuning-jobs", """
        {"name": "%s", "seed": 11, "base_run": %s,
         "search_space": {
           "num_trees": {"type": "int", "min": 20, "max": 120},
           "max_depth": {"type": "int", "min": 2, "max": 5},
           "learning_rate": {"type": "log_uniform", "min": 0.03, "max": 0.3},
           "min_child_weight": {"type": "uniform", "min": 1, "max": 8}},
         "objective": {"metric": "cv_roc_auc", "direction": "maximize"},
         "max_trials": 9, "parallelism": 3, "algorithm": "tpe",
         "early_stopping": {"type": "successive_halving", "reduction_factor": 3, "min_steps": 1}}
        """.formatted(ApiFixtures.unique("churn-search"), base));
    assertThat(job.status()).as(job.body().toString()).isEqualTo(201);
    long jobId = job.body().get("id").asLong();
    JsonNode done = awaitJob(api, jobId);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("trials")).hasSize(9);
    for (JsonNode trial : done.get("trials")) {
      assertThat(trial.get("status").asText()).as(trial.toString()).isIn("completed", "stopped_early");
      String runStatus = api.get("/api/training-runs/" + trial.get("training_run_id").asLong()).body().get("status").asText();
      assertThat(runStatus).isEqualTo(trial.get("status").asText().equals("completed") ? "completed" : "cancelled");
    }
    HistoryRecorder.record(workflows, "tuning-job-" + jobId, "v1-real-churn-tpe-halving");
    for (JsonNode trial : done.get("trials")) {
      if (trial.get("status").asText().equals("stopped_early")) {
        HistoryRecorder.record(workflows, "training-run-" + trial.get("training_run_id").asLong(), "v4-tabular-trial-stopped-early");
        break;
      }
    }
    double tuned = done.at("/best/objective_value").asDouble();
    assertThat(tuned).as("tuned cv_roc_auc vs the base run's").isGreaterThan(baseCvAuc);

    ApiClient.Response promoted = api.post("/api/tuning-jobs/" + jobId + "/promote", null);
    assertThat(promoted.status()).as(promoted.body().toString()).isEqualTo(201);
    JsonNode run = ApiFixtures.awaitEnd(api, promoted.body().get("id").asLong());
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.get("ml_model_name").asText()).isEqualTo(name);
    int version = run.get("registered_model_version").asInt();
    assertThat(version).isEqualTo(2);

    ApiClient.Response staged = api.post("/api/models/" + name + "/versions/2/transition", "{\"stage\": \"staging\"}");
    assertThat(staged.status()).as(staged.body().toString()).isEqualTo(200);
    JsonNode auc = TabularPromotionApiTests.metric(staged.body().get("comparison"), "roc_auc");
    assertThat(auc.get("delta").asDouble()).isPositive();
    ApiClient.Response live = api.post("/api/models/" + name + "/versions/2/transition", """
        {"stage": "production", "reason": "tuned", "deploy": {"endpoint_id": "%d", "traffic_split_percent": 100}}
        """.formatted(endpointId));
    assertThat(live.status()).as(live.body().toString()).isEqualTo(200);
    assertThat(api.get("/api/models/" + name).body().get("production_version").asInt()).isEqualTo(2);

    HttpResponse<String> served = TabularPromotionApiTests.predict(predictUrl);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(served.headers().firstValue("X-Trainflow-Revision")).hasValue("run-" + run.get("id").asLong());
    JsonNode predictions = JSON.readTree(served.body()).get("predictions");
    assertThat(predictions.get(0).get("probabilities").get(1).asDouble())
        .isGreaterThan(predictions.get(1).get("probabilities").get(1).asDouble());
    // the trials registered under their own model, not as versions of the released one
    assertThat(api.get("/api/models/" + name).body().get("versions")).hasSize(2);
  }

  private static JsonNode awaitJob(ApiClient api, long id) throws InterruptedException {
    JsonNode job = null;
    for (int i = 0; i < 1200; i++) {
      job = api.get("/api/tuning-jobs/" + id).body();
      if (!job.get("status").asText().equals("running")) {
        return job;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("tuning job " + id + " did not end: " + job);
  }
}
