package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Datasets and configs created through the API, with names unique within a test run. */
final class ApiFixtures {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final ApiClient api;

  ApiFixtures(ApiClient api) {
    this.api = api;
  }

  static String unique(String prefix) {
    return prefix + "-" + COUNTER.incrementAndGet();
  }

  long syntheticDataset(int customers, int products, int interactions) {
    return created(
        api.post(
            "/api/datasets",
            """
            {"name": "%s", "source": {"type": "synthetic", "customers": %d, "products": %d, "interactions": %d, "seed": 11}}
            """
                .formatted(unique("synthetic"), customers, products, interactions)));
  }

  long idsOnlyFeatureConfig() {
    return created(
        api.post(
            "/api/feature-configs",
            """
            {"name": "%s", "query_id_column": "customer_id", "candidate_id_column": "product_id",
             "query_features": [{"column": "customer_id", "type": "string", "transform": "embedding", "embedding_dim": 32}],
             "candidate_features": [{"column": "product_id", "type": "string", "transform": "embedding", "embedding_dim": 32}]}
            """
                .formatted(unique("features"))));
  }

  long retrievalModelConfig() {
    return created(
        api.post(
            "/api/model-configs",
            """
            {"name": "%s", "model_type": "retrieval", "embedding_dim": 32}
            """
                .formatted(unique("model"))));
  }

  private static long created(ApiClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().get("id").asLong();
  }

  /** Polls the run until it is completed, failed or cancelled (at most five minutes). */
  static JsonNode awaitEnd(ApiClient api, long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = api.get("/api/training-runs/" + id).body();
      String status = run.get("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("run " + id + " did not end: " + api.get("/api/training-runs/" + id).body());
  }
}
