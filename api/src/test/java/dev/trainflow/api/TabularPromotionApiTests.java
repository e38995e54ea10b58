package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Promotion of tabular versions over REST: a weak churn model goes to production and is served; a
 * stronger one goes through staging, where champion/challenger measures it against production on
 * the same held-out rows, then to production with a deploy onto the same endpoint.
 */
class TabularPromotionApiTests extends EmbeddedApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String CHURN_INSTANCES = """
      {"instances": [
        {"tenure_months": 2, "monthly_charges": 95.5, "total_charges": 191.0, "contract_type": "month_to_month",
         "payment_method": "electronic_check", "support_calls": 5},
        {"tenure_months": 60, "monthly_charges": 25.0, "total_charges": 1500.0, "contract_type": "two_year",
         "payment_method": "credit_card", "support_calls": 0}]}
      """;

  @LocalServerPort int port;

  @Test
  void shouldCompareStageDeployAndServeTheBetterVersion() throws Exception {
    ApiClient api = new ApiClient(port);
    TabularFixtures fixtures = new TabularFixtures(api);
    long dataset = fixtures.churnDataset(2000);
    long features = fixtures.churnFeatures();
    long model = fixtures.classifier("xgboost");
    String name = ApiFixtures.unique("churn-promoted");
    long weak = completedRun(api, name, dataset, features, model, "{\"num_trees\": 1, \"max_depth\": 1}");
    long strong = completedRun(api, name, dataset, features, model, "{\"num_trees\": 80, \"max_depth\": 3}");

    ApiClient.Response first = api.post("/api/models/" + name + "/versions/1/transition", """
        {"stage": "production", "reason": "first churn model", "deploy": {"endpoint_name": "%s"}}
        """.formatted(ApiFixtures.unique("churn-ep")));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.body().path("comparison").isMissingNode() || first.body().get("comparison").isNull()).isTrue();
    JsonNode endpoint = first.body().get("deployment");
    String predictUrl = endpoint.get("predict_url").asText();
    HttpResponse<String> served = predict(predictUrl);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(served.headers().firstValue("X-Trainflow-Revision")).hasValue("run-" + weak);
    JsonNode prediction = JSON.readTree(served.body()).get("predictions").get(0);
    assertThat(prediction.get("classes")).extracting(JsonNode::asText).containsExactly("0", "1");
    assertThat(prediction.get("probabilities")).hasSize(2);

    ApiClient.Response staged = api.post("/api/models/" + name + "/versions/2/transition", "{\"stage\": \"staging\"}");
    assertThat(staged.status()).as(staged.body().toString()).isEqualTo(200);
    JsonNode comparison = staged.body().get("comparison");
    assertThat(comparison.get("champion_version").asInt()).isEqualTo(1);
    JsonNode auc = metric(comparison, "roc_auc");
    assertThat(auc.get("delta").asDouble()).isPositive();
    assertThat(auc.get("ci_low").asDouble()).isPositive();
    assertThat(auc.get("verdict").asText()).isEqualTo("better");

    ApiClient.Response promoted = api.post("/api/models/" + name + "/versions/2/transition", """
        {"stage": "production", "reason": "beats v1 on held-out AUC",
         "deploy": {"endpoint_id": "%d", "traffic_split_percent": 100}}
        """.formatted(endpoint.get("id").asLong()));
    assertThat(promoted.status()).as(promoted.body().toString()).isEqualTo(200);
    assertThat(promoted.body().get("archived_versions")).extracting(JsonNode::asInt).containsExactly(1);
    assertThat(api.get("/api/models/" + name).body().get("production_version").asInt()).isEqualTo(2);
    HttpResponse<String> now = predict(predictUrl);
    assertThat(now.headers().firstValue("X-Trainflow-Revision")).hasValue("run-" + strong);
    JsonNode churner = JSON.readTree(now.body()).get("predictions").get(0);
    JsonNode loyal = JSON.readTree(now.body()).get("predictions").get(1);
    // the learned relation: a new month-to-month customer with many support calls churns more
    assertThat(churner.get("probabilities").get(1).asDouble()).isGreaterThan(loyal.get("probabilities").get(1).asDouble());

    List<JsonNode> audit = new ArrayList<>();
    for (JsonNode e : api.get("/api/training-runs/" + strong + "/audit").body().get("items")) {
      if (e.get("event").asText().equals("model_stage_changed")) {
        audit.add(e);
      }
    }
    assertThat(audit).extracting(e -> e.get("details").get("to").asText()).containsExactly("staging", "production");
    assertThat(audit).allSatisfy(e -> assertThat(metric(e.get("details").get("comparison"), "roc_auc")).isNotNull());
  }

  @Test
  void shouldRefuseADeployOnANonProductionTransitionAndChangeNothing() throws Exception {
    ApiClient api = new ApiClient(port);
    TabularFixtures fixtures = new TabularFixtures(api);
    String name = ApiFixtures.unique("churn-refused");
    completedRun(api, name, fixtures.churnDataset(500), fixtures.churnFeatures(), fixtures.classifier("xgboost"), "{\"num_trees\": 5}");

    ApiClient.Response refused = api.post("/api/models/" + name + "/versions/1/transition", """
        {"stage": "staging", "deploy": {"traffic_split_percent": 0}}
        """);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("fields")).extracting(f -> f.get("field").asText())
        .contains("deploy", "deploy.traffic_split_percent");
    assertThat(api.get("/api/models/" + name).body().get("versions").get(0).get("stage").asText()).isEqualTo("none");
  }

  static JsonNode metric(JsonNode comparison, String name) {
    for (JsonNode m : comparison.get("metrics")) {
      if (m.get("metric").asText().equals(name)) {
        return m;
      }
    }
    return null;
  }

  static long completedRun(ApiClient api, String mlModel, long dataset, long features, long model, String params)
      throws InterruptedException {
    ApiClient.Response created = api.post("/api/training-runs", """
        {"name": "%s", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": %s}
        """.formatted(ApiFixtures.unique("churn-run"), mlModel, dataset, features, model, params));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode run = ApiFixtures.awaitEnd(api, created.body().get("id").asLong());
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    return run.get("id").asLong();
  }

  static HttpResponse<String> predict(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CHURN_INSTANCES))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
