package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model server over real HTTP, serving a multitask model trained and exported in the test:
 * its answers are the SavedModel's own (called directly), with the catalog's original ids.
 */
class ModelServerTests {
  private static final String PREDICT = "/v1/models/recommender:predict";
  static TrainedModels.Trained model;
  static ModelServer server;
  static RestClient client;

  @BeforeAll
  static void serveATrainedMultitaskModel() {
    model = TrainedModels.multitask();
    server = ModelServer.start(settings(model.exportFolder(), "recommender", Duration.ZERO));
    client = new RestClient(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static ModelServerSettings settings(Path modelPath, String name, Duration poll) {
    return new ModelServerSettings(
        modelPath, name, 0, 1, new BatchingSettings(64, Duration.ofMillis(2), 1), poll, 2, 16);
  }

  @Test
  void shouldAnswerTheTop100WithOriginalIdsForSeveralInstances() {
    List<Map<String, Object>> rows = rows(0, 5);
    rows.get(1).put("customer_id", "never-seen-customer");
    rows.get(2).put("revenue", null);
    // a feature the model does not read is ignored
    rows.get(3).put("unused_feature", "x");

    RestClient.Answer answer = client.post(PREDICT, Map.of("instances", rows));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode predictions = answer.body().get("predictions");
    assertThat(predictions).hasSize(5);
    Map<String, List<Object>> expected = DirectCall.call(model.exportFolder(), "serving_default", rows);
    for (int row = 0; row < 5; row++) {
      JsonNode prediction = predictions.get(row);
      assertThat(fieldNames(prediction)).containsExactly("product_ids", "scores");
      List<String> ids = texts(prediction.get("product_ids"));
      assertThat(ids).hasSize(100).doesNotHaveDuplicates();
      assertThat(model.candidateIds()).containsAll(ids);
      assertThat(ids).isEqualTo(expected.get("product_ids").get(row));
      assertScores(prediction.get("scores"), expected.get("scores").get(row));
    }
  }

  @Test
  void shouldAnswerTheColumnarFormWithOutputs() {
    List<Map<String, Object>> rows = rows(5, 3);
    Map<String, List<Object>> inputs = new LinkedHashMap<>();
    for (String column : List.of("customer_id", "city", "segment", "revenue", "timestamp")) {
      inputs.put(column, rows.stream().map(r -> r.get(column)).toList());
    }

    RestClient.Answer answer = client.post(PREDICT, Map.of("inputs", inputs));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode outputs = answer.body().get("outputs");
    Map<String, List<Object>> expected = DirectCall.call(model.exportFolder(), "serving_default", rows);
    assertThat(outputs.get("product_ids")).hasSize(3);
    for (int row = 0; row < 3; row++) {
      assertThat(texts(outputs.get("product_ids").get(row))).isEqualTo(expected.get("product_ids").get(row));
      assertScores(outputs.get("scores").get(row), expected.get("scores").get(row));
    }
  }

  @Test
  void shouldAnswerTheRankSignatureWithOnePredictionPerInstance() {
    List<Map<String, Object>> rows = rows(10, 4);

    RestClient.Answer answer = client.post(PREDICT, Map.of("signature_name", "rank", "instances", rows));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode predictions = answer.body().get("predictions");
    List<Object> expected = DirectCall.call(model.exportFolder(), "rank", rows).get("predictions");
    assertThat(predictions).hasSize(4);
    for (int row = 0; row < 4; row++) {
      assertThat(predictions.get(row).isNumber()).isTrue();
      assertThat(predictions.get(row).floatValue()).isCloseTo((Float) expected.get(row), within(1e-4f));
    }
  }

  @Test
  void shouldReportTheVersionStatusAndTheSignatures() {
    RestClient.Answer status = client.get("/v1/models/recommender");
    RestClient.Answer versionStatus = client.get("/v1/models/recommender/versions/1");
    RestClient.Answer metadata = client.get("/v1/models/recommender/metadata");
    RestClient.Answer health = client.get("/health");

    assertThat(status.status()).isEqualTo(200);
    JsonNode version = status.body().get("model_version_status").get(0);
    assertThat(version.get("version").asText()).isEqualTo("1");
    assertThat(version.get("state").asText()).isEqualTo("AVAILABLE");
    assertThat(version.get("status").get("error_code").asText()).isEqualTo("OK");
    assertThat(versionStatus.body()).isEqualTo(status.body());

    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.body().get("model_spec").get("name").asText()).isEqualTo("recommender");
    JsonNode signatures = metadata.body().get("metadata").get("signature_def").get("signature_def");
    assertThat(fieldNames(signatures)).containsExactlyInAnyOrder("serving_default", "rank");
    JsonNode inputs = signatures.get("serving_default").get("inputs");
    assertThat(fieldNames(inputs)).containsExactlyInAnyOrder("customer_id", "city", "segment", "revenue", "timestamp");
    assertThat(inputs.get("customer_id").get("dtype").asText()).isEqualTo("DT_STRING");
    assertThat(inputs.get("revenue").get("dtype").asText()).isEqualTo("DT_FLOAT");
    assertThat(inputs.get("timestamp").get("dtype").asText()).isEqualTo("DT_INT64");
    assertThat(inputs.get("revenue").get("tensor_shape").get("dim").get(0).get("size").asText()).isEqualTo("-1");
    JsonNode outputs = signatures.get("serving_default").get("outputs");
    assertThat(outputs.get("product_ids").get("dtype").asText()).isEqualTo("DT_STRING");
    assertThat(outputs.get("scores").get("tensor_shape").get("dim").get(1).get("size").asText()).isEqualTo("100");
    assertThat(fieldNames(signatures.get("rank").get("outputs"))).containsExactly("predictions");

    assertThat(health.status()).isEqualTo(200);
  }

  @Test
  void shouldRejectAMissingFeatureNamingIt() {
    List<Map<String, Object>> rows = rows(0, 2);
    rows.get(1).remove("city");

    RestClient.Answer answer = client.post(PREDICT, Map.of("instances", rows));

    assertError(answer, 400, "instance 1 is missing feature 'city'");
  }

  @Test
  void shouldRejectAMistypedFeatureNamingIt() {
    List<Map<String, Object>> rows = rows(0, 1);
    rows.get(0).put("revenue", "a lot");
    List<Map<String, Object>> badTimestamp = rows(0, 1);
    badTimestamp.get(0).put("timestamp", 1.5);
    Map<String, Object> columnar = new LinkedHashMap<>();
    rows(0, 2).get(0).forEach((k, v) -> columnar.put(k, List.of(v, v)));
    columnar.put("customer_id", List.of("c1"));

    assertError(client.post(PREDICT, Map.of("instances", rows)), 400, "feature 'revenue' must be a number (DT_FLOAT)");
    assertError(client.post(PREDICT, Map.of("instances", badTimestamp)), 400, "feature 'timestamp' must be an integer (DT_INT64)");
    assertError(client.post(PREDICT, Map.of("inputs", columnar)), 400, "feature 'customer_id' has 1 values");
  }

  @Test
  void shouldAnswer404ForAnUnknownModelOrVersion() {
    Map<String, Object> body = Map.of("instances", rows(0, 1));

    assertError(client.post("/v1/models/other:predict", body), 404, "Servable not found for request: Latest(other)");
    assertError(client.post("/v1/models/recommender/versions/7:predict", body), 404, "Specific(recommender, 7)");
    assertError(client.get("/v1/models/other"), 404, "Latest(other)");
    assertError(client.get("/v1/models/recommender/versions/2/metadata"), 404, "Specific(recommender, 2)");
  }

  @Test
  void shouldRejectMalformedRequests() {
    assertError(client.postText(PREDICT, "{\"instances\": [{\"customer_id\": "), 400, "JSON Parse error");
    assertError(client.postText(PREDICT, "[1, 2]"), 400, "must be a JSON object");
    assertError(client.post(PREDICT, Map.of("rows", List.of())), 400, "neither \"instances\"");
    assertError(client.post(PREDICT, Map.of("instances", List.of())), 400, "non-empty list");
    assertError(client.post(PREDICT, Map.of("instances", List.of("c1"))), 400, "instance 0 must be an object");
    assertError(
        client.post(PREDICT, Map.of("signature_name", "classify", "instances", rows(0, 1))), 400, "\"classify\" not found");
    assertError(client.get(PREDICT), 405, "takes POST");
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 1025; i++) {
      tooMany.add(model.testRows().get(i % 40));
    }
    assertError(client.post(PREDICT, Map.of("instances", tooMany)), 400, "\"instances\" has 1025 rows; this server takes at most 1024");
  }

  /** Concurrent callers, each with its own customers, get exactly the rows a lone call of theirs gets. */
  @Test
  void shouldBatchConcurrentRequestsAndGiveEachCallerItsOwnRows() throws Exception {
    int callers = 24;
    List<List<Map<String, Object>>> requests = new ArrayList<>();
    List<JsonNode> alone = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      List<Map<String, Object>> rows = rows(i % 40, 1 + i % 3);
      requests.add(rows);
      alone.add(client.post(PREDICT, Map.of("instances", rows)).body().get("predictions"));
    }
    double batchesBefore = metric("model_server_batch_rows_count");

    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      for (int round = 0; round < 5; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RestClient.Answer>> answers = new ArrayList<>();
        for (List<Map<String, Object>> rows : requests) {
          Callable<RestClient.Answer> call =
              () -> {
                start.await();
                return client.post(PREDICT, Map.of("instances", rows));
              };
          answers.add(pool.submit(call));
        }
        start.countDown();
        for (int i = 0; i < callers; i++) {
          RestClient.Answer answer = answers.get(i).get();
          assertThat(answer.status()).as(answer.text()).isEqualTo(200);
          JsonNode predictions = answer.body().get("predictions");
          assertThat(predictions).hasSize(requests.get(i).size());
          for (int row = 0; row < predictions.size(); row++) {
            assertThat(texts(predictions.get(row).get("product_ids")))
                .as("caller %d row %d", i, row)
                .isEqualTo(texts(alone.get(i).get(row).get("product_ids")));
            assertScores(predictions.get(row).get("scores"), floats(alone.get(i).get(row).get("scores")));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double batches = metric("model_server_batch_rows_count") - batchesBefore;
    assertThat(batches).as("TensorFlow calls for %d requests", 5 * callers).isLessThan(5 * callers);
    assertThat(metric("model_server_batch_rows_max")).isGreaterThan(3);
  }

  private static double metric(String name) {
    String text = client.get("/metrics").text();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name + " in\n" + text);
  }

  private static List<Map<String, Object>> rows(int from, int count) {
    return model.rows(from, count);
  }

  static void assertError(RestClient.Answer answer, int status, String message) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(fieldNames(answer.body())).containsExactly("error");
    assertThat(answer.body().get("error").asText()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static void assertScores(JsonNode actual, Object expected) {
    @SuppressWarnings("unchecked")
    List<Object> values = (List<Object>) expected;
    assertThat(actual).hasSize(values.size());
    for (int k = 0; k < values.size(); k++) {
      assertThat(actual.get(k).floatValue()).isCloseTo(((Number) values.get(k)).floatValue(), within(1e-4f));
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  static List<Object> floats(JsonNode array) {
    List<Object> values = new ArrayList<>();
    array.forEach(v -> values.add(v.floatValue()));
    return values;
  }
}
