package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Batches at their limit: with room for 4 instances, concurrent requests of 1 to 3 instances are
 * packed into calls without exceeding it (what does not fit waits for the next call), and a request
 * of 10 runs alone, whole; every caller still gets exactly its own rows, in its order.
 */
class ModelServerBatchingTests {

  @Test
  void shouldPackRequestsUpToTheMaximumAndRunALargerOneAlone() throws Exception {
    TrainedModels.Trained model = TrainedModels.multitask();
    ModelServerSettings settings =
        new ModelServerSettings(
            model.exportFolder(), "recommender", 0, 1, new BatchingSettings(4, Duration.ofMillis(5), 2), Duration.ZERO, 1, 32);
    try (ModelServer server = ModelServer.start(settings)) {
      RestClient client = new RestClient(server.port());
      List<List<Map<String, Object>>> requests = new ArrayList<>();
      List<JsonNode> alone = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        List<Map<String, Object>> rows = model.rows(i, 1 + i % 3);
        requests.add(rows);
        alone.add(client.post("/v1/models/recommender:predict", Map.of("instances", rows)).body().get("predictions"));
      }

      ExecutorService pool = Executors.newFixedThreadPool(requests.size());
      try {
        for (int round = 0; round < 4; round++) {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<RestClient.Answer>> answers = new ArrayList<>();
          for (List<Map<String, Object>> rows : requests) {
            Callable<RestClient.Answer> call =
                () -> {
                  start.await();
                  return client.post("/v1/models/recommender:predict", Map.of("instances", rows));
                };
            answers.add(pool.submit(call));
          }
          start.countDown();
          for (int i = 0; i < requests.size(); i++) {
            RestClient.Answer answer = answers.get(i).get();
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode predictions = answer.body().get("predictions");
            assertThat(predictions).hasSize(requests.get(i).size());
            for (int row = 0; row < predictions.size(); row++) {
              assertThat(ModelServerTests.texts(predictions.get(row).get("product_ids")))
                  .as("caller %d row %d", i, row)
                  .isEqualTo(ModelServerTests.texts(alone.get(i).get(row).get("product_ids")));
            }
          }
        }
      } finally {
        pool.shutdownNow();
      }
      String metrics = client.get("/metrics").text();
      assertThat(metric(metrics, "model_server_batch_rows_max")).isLessThanOrEqualTo(4.0);
      assertThat(metric(metrics, "model_server_batch_rows_count")).as("TensorFlow calls").isLessThan(15 + 4 * 15);

      List<Map<String, Object>> large = model.rows(20, 10);
      RestClient.Answer answer = client.post("/v1/models/recommender:predict", Map.of("instances", large));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(ModelServerTests.texts(answer.body().get("predictions").get(9).get("product_ids")))
          .isEqualTo(DirectCall.call(model.exportFolder(), "serving_default", large).get("product_ids").get(9));
      assertThat(metric(client.get("/metrics").text(), "model_server_batch_rows_max")).isEqualTo(10.0);
    }
  }

  private static double metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

}
