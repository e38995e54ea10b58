package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

/** The churn dataset and tabular configs, created through the API. */
final class TabularFixtures {
  private final ApiClient api;

  TabularFixtures(ApiClient api) {
    this.api = api;
  }

  long churnDataset(int rows) {
    return created(api.post("/api/datasets", """
        {"name": "%s", "source": {"type": "synthetic_churn", "rows": %d, "seed": 3}}
        """.formatted(ApiFixtures.unique("churn"), rows)));
  }

  long churnFeatures() {
    return created(api.post("/api/feature-configs", """
        {"name": "%s", "label_column": "churn", "ignored_columns": ["customer_id"]}
        """.formatted(ApiFixtures.unique("churn-features"))));
  }

  long classifier(String trainer) {
    return created(api.post("/api/model-configs", """
        {"name": "%s", "model_type": "classification", "trainer": "%s"}
        """.formatted(ApiFixtures.unique("churn-" + trainer.replace('_', '-')), trainer)));
  }

  private static long created(ApiClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().get("id").asLong();
  }
}
