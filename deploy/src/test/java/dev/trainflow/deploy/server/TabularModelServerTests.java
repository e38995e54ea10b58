package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.worker.tabular.LightGBMTrainer;
import dev.trainflow.worker.tabular.RandomForestTrainer;
import dev.trainflow.worker.tabular.TabularFit;
import dev.trainflow.worker.tabular.TabularFixtures;
import dev.trainflow.worker.tabular.TabularPrediction;
import dev.trainflow.worker.tabular.TabularPredictor;
import dev.trainflow.worker.tabular.XGBoostTrainer;
import java.nio.file.Files;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The model server over real HTTP, serving tabular bundles trained on the churn data and written
 * as the training activity writes them: the answers are exactly the trained model's own (and
 * {@link TabularPredictor}'s), in row and columnar form, batched, and across a hot swap.
 */
class TabularModelServerTests {
  private static final String PREDICT = "/v1/models/churn:predict";
  @TempDir static Path root;
  static TabularFit xgboost;
  static TabularFit forestRegression;
  static TabularFit lightgbm;
  static List<String[]> rows;
  static ModelServer server;
  static ModelServer regressionServer;
  static ModelServer lightgbmServer;
  static RestClient client;

  @BeforeAll
  static void serveTrainedBundles() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    xgboost = TabularFixtures.fit(new XGBoostTrainer(), TabularFixtures.BINARY);
    xgboost.bundle().writeTo(store, "runs/5/model");
    forestRegression = TabularFixtures.fit(new RandomForestTrainer(), TabularFixtures.REGRESSION);
    forestRegression.bundle().writeTo(store, "runs/6/model");
    lightgbm = TabularFixtures.fit(new LightGBMTrainer(), TabularFixtures.BINARY);
    lightgbm.bundle().writeTo(store, "runs/8/model");
    rows = TabularFixtures.testRowsWithGaps(xgboost);
    server = ModelServer.start(ModelServerTests.settings(root.resolve("runs/5/model"), "churn", Duration.ZERO));
    regressionServer = ModelServer.start(ModelServerTests.settings(root.resolve("runs/6/model"), "charges", Duration.ZERO));
    lightgbmServer = ModelServer.start(ModelServerTests.settings(root.resolve("runs/8/model"), "churn", Duration.ZERO));
    client = new RestClient(server.port());
  }

  @AfterAll
  static void stop() {
    for (ModelServer s : new ModelServer[] {server, regressionServer, lightgbmServer}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void shouldAnswerRowsWithTheTrainedModelsProbabilitiesClassesAndPredictedClass() {
    List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(0, 20), xgboost);

    RestClient.Answer answer = client.post(PREDICT, Map.of("instances", instances));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode predictions = answer.body().get("predictions");
    TabularPrediction expected = TabularFixtures.inProcess(xgboost, rows.subList(0, 20));
    TabularPrediction predictor = TabularPredictor.of(xgboost.bundle()).predict(instances);
    assertThat(predictions).hasSize(20);
    for (int row = 0; row < 20; row++) {
      JsonNode prediction = predictions.get(row);
      assertThat(doubles(prediction.get("probabilities"))).as("row " + row).containsExactly(expected.probabilities()[row]);
      assertThat(doubles(prediction.get("probabilities"))).containsExactly(predictor.probabilities()[row]);
      assertThat(prediction.get("classes").toString()).isEqualTo("[\"0\",\"1\"]");
      assertThat(prediction.get("predicted_class").asText()).isEqualTo(expected.predictedClass(row));
    }
  }

  @Test
  void shouldAnswerTheColumnarFormWithNamedOutputLists() {
    List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(0, 5), xgboost);
    Map<String, List<Object>> inputs = new LinkedHashMap<>();
    for (String column : instances.get(0).keySet()) {
      inputs.put(column, instances.stream().map(i -> i.get(column)).toList());
    }

    RestClient.Answer answer = client.post(PREDICT, Map.of("inputs", inputs));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode outputs = answer.body().get("outputs");
    TabularPrediction expected = TabularFixtures.inProcess(xgboost, rows.subList(0, 5));
    assertThat(outputs.get("probabilities")).hasSize(5);
    for (int row = 0; row < 5; row++) {
      assertThat(doubles(outputs.get("probabilities").get(row))).containsExactly(expected.probabilities()[row]);
      assertThat(outputs.get("predicted_class").get(row).asText()).isEqualTo(expected.predictedClass(row));
    }
  }

  @Test
  void shouldAnswerARegressionModelWithABareValuePerInstance() {
    List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(0, 10), forestRegression);

    RestClient.Answer answer = new RestClient(regressionServer.port()).post("/v1/models/charges:predict", Map.of("instances", instances));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode predictions = answer.body().get("predictions");
    double[] expected = TabularFixtures.inProcess(forestRegression, rows.subList(0, 10)).values();
    assertThat(predictions).hasSize(10);
    for (int row = 0; row < 10; row++) {
      assertThat(predictions.get(row).isNumber()).isTrue();
      assertThat(predictions.get(row).doubleValue()).isEqualTo(expected[row]);
    }
  }

  @Test
  void shouldServeALightGBMBundleWithTheTrainedModelsProbabilities() {
    List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(0, 30), lightgbm);

    RestClient.Answer answer = new RestClient(lightgbmServer.port()).post(PREDICT, Map.of("instances", instances));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode predictions = answer.body().get("predictions");
    TabularPrediction expected = TabularFixtures.inProcess(lightgbm, rows.subList(0, 30));
    assertThat(predictions).hasSize(30);
    for (int row = 0; row < 30; row++) {
      JsonNode prediction = predictions.get(row);
      assertThat(doubles(prediction.get("probabilities"))).as("row " + row).containsExactly(expected.probabilities()[row]);
      assertThat(prediction.get("classes").toString()).isEqualTo("[\"0\",\"1\"]");
      assertThat(prediction.get("predicted_class").asText()).isEqualTo(expected.predictedClass(row));
    }
    // a LightGBM model, not the XGBoost one beside it: the answers differ
    assertThat(doubles(predictions.get(0).get("probabilities")))
        .isNotEqualTo(TabularFixtures.inProcess(xgboost, rows.subList(0, 1)).probabilities()[0]);
  }

  @Test
  void shouldRefuseAMissingOrMistypedFeatureNamingIt() {
    List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(0, 2), xgboost);
    instances.get(1).remove("contract_type");
    List<Map<String, Object>> mistyped = TabularFixtures.instances(rows.subList(0, 1), xgboost);
    mistyped.get(0).put("tenure_months", "twelve");

    RestClient.Answer missing = client.post(PREDICT, Map.of("instances", instances));
    RestClient.Answer wrongType = client.post(PREDICT, Map.of("instances", mistyped));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().get("error").asText())
        .startsWith("instance 1 is missing feature 'contract_type' (a string (DT_STRING)); signature 'serving_default' takes [tenure_months,");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().get("error").asText())
        .isEqualTo("instance 0: feature 'tenure_months' must be a number or null (DT_DOUBLE), got string \"twelve\"");
    assertThat(missing.text()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void shouldDescribeTheColumnsAndOutputsInTheMetadata() {
    RestClient.Answer metadata = client.get("/v1/models/churn/metadata");
    RestClient.Answer status = client.get("/v1/models/churn");

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().get("model_version_status").get(0).get("state").asText()).isEqualTo("AVAILABLE");
    assertThat(metadata.status()).isEqualTo(200);
    JsonNode signature = metadata.body().get("metadata").get("signature_def").get("signature_def").get("serving_default");
    assertThat(ModelServerTests.fieldNames(signature.get("inputs")))
        .containsExactly("tenure_months", "monthly_charges", "total_charges", "contract_type", "payment_method", "support_calls");
    assertThat(signature.get("inputs").get("tenure_months").get("dtype").asText()).isEqualTo("DT_DOUBLE");
    assertThat(signature.get("inputs").get("contract_type").get("dtype").asText()).isEqualTo("DT_STRING");
    assertThat(ModelServerTests.fieldNames(signature.get("outputs"))).containsExactly("probabilities", "classes", "predicted_class");
    assertThat(signature.get("outputs").get("probabilities").get("tensor_shape").get("dim").get(1).get("size").asText()).isEqualTo("2");
    assertThat(signature.get("method_name").asText()).isEqualTo("tensorflow/serving/predict");
    JsonNode tabular = metadata.body().get("metadata").get("tabular_model");
    assertThat(tabular.get("task").asText()).isEqualTo("binary");
    assertThat(tabular.get("label").asText()).isEqualTo("churn");
    assertThat(tabular.get("class_labels").toString()).isEqualTo("[\"0\",\"1\"]");
    assertThat(tabular.get("features").get(3).get("kind").asText()).isEqualTo("categorical");
    assertThat(tabular.get("features").get(3).get("categories").toString()).isEqualTo("[\"month_to_month\",\"one_year\",\"two_year\"]");
  }

  @Test
  void shouldGiveEachConcurrentCallerItsOwnRows() throws Exception {
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(c * 3, c * 3 + 3), xgboost);
        Callable<JsonNode> call =
            () -> {
              start.await();
              RestClient.Answer answer = client.post(PREDICT, Map.of("instances", instances));
              assertThat(answer.status()).as(answer.text()).isEqualTo(200);
              return answer.body().get("predictions");
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
      TabularPrediction expected = TabularFixtures.inProcess(xgboost, rows.subList(0, callers * 3));
      for (int c = 0; c < callers; c++) {
        JsonNode predictions = answers.get(c).get();
        assertThat(predictions).hasSize(3);
        for (int r = 0; r < 3; r++) {
          assertThat(doubles(predictions.get(r).get("probabilities"))).containsExactly(expected.probabilities()[c * 3 + r]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldHotLoadANewTabularVersion() throws Exception {
    Path base = root.resolve("models/churn");
    Files.createDirectories(base);
    copy(root.resolve("runs/5/model"), base.resolve("1"));
    TabularFit forest = TabularFixtures.fit(new RandomForestTrainer(), TabularFixtures.BINARY);
    try (ModelServer versioned = ModelServer.start(ModelServerTests.settings(base, "churn", Duration.ofHours(1)))) {
      RestClient versionedClient = new RestClient(versioned.port());
      List<Map<String, Object>> instances = TabularFixtures.instances(rows.subList(0, 4), xgboost);

      forest.bundle().writeTo(new LocalArtifactStore(base), ".incoming-2");
      Files.move(base.resolve(".incoming-2"), base.resolve("2"));
      versioned.pollForNewVersion();
      RestClient.Answer answer = versionedClient.post(PREDICT, Map.of("instances", instances));

      assertThat(versioned.version()).isEqualTo(2);
      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      TabularPrediction expected = TabularFixtures.inProcess(forest, rows.subList(0, 4));
      for (int row = 0; row < 4; row++) {
        assertThat(doubles(answer.body().get("predictions").get(row).get("probabilities"))).containsExactly(expected.probabilities()[row]);
      }
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  private static double[] doubles(JsonNode list) {
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).doubleValue();
    }
    return out;
  }
}
