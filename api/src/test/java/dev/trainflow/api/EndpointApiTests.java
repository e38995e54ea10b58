package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Local endpoints end to end: a run deploys itself to a new endpoint, answers the seed's predict
 * request through it, a second run of the same model rolls out at 50 % (both revisions answer),
 * rollback gives the first everything back, undeploy closes the port.
 */
class EndpointApiTests extends EmbeddedApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PREDICT_BODY =
      "{\"instances\": [{\"customer_id\": \"C00001\"}, {\"customer_id\": \"C00002\"}, {\"customer_id\": \"nobody\"}]}";

  @LocalServerPort int port;

  @Test
  void shouldDeployRollOutRollBackAndUndeploy() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(300, 120, 6000);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();
    String modelName = ApiFixtures.unique("served");
    String endpointName = ApiFixtures.unique("recs");

    long first = run(api, modelName, dataset, features, model,
        "{\"action\": \"deploy_new\", \"endpoint_name\": \"" + endpointName + "\"}");
    JsonNode firstRun = ApiFixtures.awaitEnd(api, first);
    assertThat(firstRun.get("status").asText()).as(firstRun.toString()).isEqualTo("completed");
    assertThat(firstRun.get("deployment_status").asText()).isEqualTo("deployed");
    long endpointId = firstRun.get("endpoint_id").asLong();
    JsonNode endpoint = api.get("/api/endpoints/" + endpointId).body();
    assertThat(endpoint.get("name").asText()).isEqualTo(endpointName);
    assertThat(endpoint.get("status").asText()).isEqualTo("serving");
    String predictUrl = endpoint.get("predict_url").asText();
    assertThat(predictUrl).endsWith("/v1/models/" + modelName + ":predict");

    HttpResponse<String> answer = predict(predictUrl, PREDICT_BODY);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("X-Trainflow-Revision")).hasValue("run-" + first);
    JsonNode predictions = JSON.readTree(answer.body()).get("predictions");
    assertThat(predictions).hasSize(3);
    for (JsonNode p : predictions) {
      assertThat(p.get("product_ids")).hasSize(100);
      assertThat(p.get("product_ids").get(0).asText()).matches("P\\d{4}");
      assertThat(p.get("scores").get(0).asDouble()).isGreaterThanOrEqualTo(p.get("scores").get(99).asDouble());
    }
    HttpResponse<String> missing = predict(predictUrl, "{\"instances\": [{\"city\": \"Warsaw\"}]}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(missing.body()).get("error").asText()).contains("customer_id");

    long second = run(api, modelName, dataset, features, model,
        "{\"action\": \"deploy_existing\", \"endpoint_id\": \"" + endpointId + "\", \"traffic_split_percent\": 50}");
    JsonNode secondRun = ApiFixtures.awaitEnd(api, second);
    assertThat(secondRun.get("status").asText()).as(secondRun.toString()).isEqualTo("completed");
    assertThat(traffic(api.get("/api/endpoints/" + endpointId).body()))
        .isEqualTo(Map.of("run-" + first, 50, "run-" + second, 50));
    assertThat(answeringRevisions(predictUrl, 10))
        .isEqualTo(Map.of("run-" + first, 5, "run-" + second, 5));

    // deploying the same revision again is idempotent
    ApiClient.Response again =
        api.post("/api/training-runs/" + second + "/deploy",
            "{\"action\": \"deploy_existing\", \"endpoint_id\": \"" + endpointName + "\", \"traffic_split_percent\": 50}");
    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().get("revisions")).hasSize(2);
    assertThat(traffic(again.body())).isEqualTo(Map.of("run-" + first, 50, "run-" + second, 50));

    ApiClient.Response rolledBack = api.post("/api/endpoints/" + endpointId + "/rollback", null);
    assertThat(rolledBack.status()).as(rolledBack.body().toString()).isEqualTo(200);
    assertThat(traffic(rolledBack.body())).isEqualTo(Map.of("run-" + first, 100));
    assertThat(answeringRevisions(predictUrl, 4)).isEqualTo(Map.of("run-" + first, 4));
    assertThat(api.post("/api/endpoints/" + endpointId + "/rollback", null).status()).isEqualTo(409);

    ApiClient.Response split =
        api.put("/api/endpoints/" + endpointId + "/traffic", "{\"split\": {\"run-" + second + "\": 100}}");
    assertThat(split.status()).as(split.body().toString()).isEqualTo(200);
    assertThat(answeringRevisions(predictUrl, 2)).isEqualTo(Map.of("run-" + second, 2));
    ApiClient.Response badSplit =
        api.put("/api/endpoints/" + endpointId + "/traffic", "{\"split\": {\"run-" + second + "\": 60}}");
    assertThat(badSplit.status()).isEqualTo(400);
    assertThat(badSplit.body().toString()).contains("sum to 100");

    ApiClient.Response undeployed = api.delete("/api/endpoints/" + endpointId);
    assertThat(undeployed.status()).isEqualTo(200);
    assertThat(undeployed.body().get("status").asText()).isEqualTo("undeployed");
    try {
      predict(predictUrl, PREDICT_BODY);
      throw new AssertionError("the undeployed endpoint still answers");
    } catch (ConnectException expected) {
      // the router's port is closed
    }
    assertThat(api.get("/api/endpoints").body().get("items").toString()).doesNotContain(endpointName);
  }

  @Test
  void shouldRefuseBadDeployRequestsAndChangeNothing() {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(50, 20, 500);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();
    ApiClient.Response created =
        api.post("/api/training-runs",
            """
            {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "auto_submit": false}
            """.formatted(ApiFixtures.unique("not-trained"), dataset, features, model));
    long run = created.body().get("id").asLong();
    long endpointsBefore = api.get("/api/endpoints?include_undeployed=true").body().get("total").asLong();

    ApiClient.Response badName =
        api.post("/api/training-runs/" + run + "/deploy", "{\"action\": \"deploy_new\", \"endpoint_name\": \"Bad_Name\"}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.body().toString()).contains("endpoint_name");
    ApiClient.Response noEndpoint =
        api.post("/api/training-runs/" + run + "/deploy", "{\"action\": \"deploy_existing\"}");
    assertThat(noEndpoint.status()).isEqualTo(400);
    assertThat(noEndpoint.body().toString()).contains("endpoint_id");
    ApiClient.Response notFinished = api.post("/api/training-runs/" + run + "/deploy", "{}");
    assertThat(notFinished.status()).isEqualTo(409);
    assertThat(notFinished.body().toString()).contains("only completed and not_blessed");
    assertThat(api.post("/api/training-runs/999999/deploy", "{}").status()).isEqualTo(404);
    assertThat(api.get("/api/endpoints/999999").status()).isEqualTo(404);
    assertThat(api.post("/api/endpoints/999999/rollback", null).status()).isEqualTo(404);

    assertThat(api.get("/api/endpoints?include_undeployed=true").body().get("total").asLong()).isEqualTo(endpointsBefore);
  }

  private static long run(ApiClient api, String modelName, long dataset, long features, long model, String deployment) {
    ApiClient.Response created =
        api.post(
            "/api/training-runs",
            """
            {"name": "%s", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": 2, "batch_size": 512},
             "evaluator_config": {"blessing_threshold": 0.0},
             "deployment_config": %s}
            """
                .formatted(ApiFixtures.unique(modelName), modelName, dataset, features, model, deployment));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private static Map<String, Integer> traffic(JsonNode endpoint) {
    Map<String, Integer> split = new HashMap<>();
    for (JsonNode r : endpoint.get("revisions")) {
      if (r.get("traffic_percent").asInt() > 0) {
        split.put(r.get("revision_id").asText(), r.get("traffic_percent").asInt());
      }
    }
    return split;
  }

  private static Map<String, Integer> answeringRevisions(String predictUrl, int requests) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < requests; i++) {
      HttpResponse<String> answer = predict(predictUrl, PREDICT_BODY);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(JSON.readTree(answer.body()).get("predictions")).hasSize(3);
      counts.merge(answer.headers().firstValue("X-Trainflow-Revision").orElseThrow(), 1, Integer::sum);
    }
    return counts;
  }

  private static HttpResponse<String> predict(String url, String body) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
