package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.api.budget.BudgetMonitor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The monthly budget: thresholds are recorded once, a spent budget pauses the schedules. */
class BudgetApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;
  @Autowired BudgetMonitor monitor;

  @AfterEach
  void removeBudget() {
    // the context is shared with other test classes: leave no budget behind
    new ApiClient(port).put("/api/budget", "{\"monthly_usd\": null}");
  }

  @Test
  void shouldPauseSchedulesWhenTheMonthlyBudgetIsSpent() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(100, 40, 2000);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();
    long run =
        api.post(
                "/api/training-runs",
                """
                {"name": "costs-money", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
                 "training_params": {"epochs": 2, "batch_size": 256}}
                """
                    .formatted(dataset, features, model))
            .body()
            .get("id")
            .asLong();
    for (int i = 0; i < 240 && !api.get("/api/training-runs/" + run).body().get("status").asText().equals("completed"); i++) {
      TimeUnit.MILLISECONDS.sleep(250);
    }
    long schedule =
        api.post(
                "/api/training/schedules",
                """
                {"name": "%s", "schedule": {"type": "weekly", "days_of_week": ["mon"], "time": "02:00"},
                 "run_template": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d}}
                """
                    .formatted(ApiFixtures.unique("budgeted"), dataset, features, model))
            .body()
            .get("id")
            .asLong();

    JsonNode status = api.put("/api/budget", "{\"monthly_usd\": 0.0000001}").body();

    assertThat(status.get("spent_usd").asDouble()).isPositive();
    assertThat(status.get("ratio").asDouble()).isGreaterThanOrEqualTo(1.0);
    assertThat(status.get("crossed").toString()).isEqualTo("[0.5,0.8,1.0]");
    JsonNode paused = api.get("/api/training/schedules/" + schedule).body();
    assertThat(paused.get("status").asText()).isEqualTo("paused");
    assertThat(paused.get("paused_reason").asText()).contains("monthly budget");
    // a second check records no crossing twice
    assertThat(monitor.check().crossed()).containsExactly(0.5, 0.8, 1.0);
  }

  @Test
  void shouldRejectABadBudget() {
    ApiClient.Response response =
        new ApiClient(port).put("/api/budget", "{\"monthly_usd\": -5, \"thresholds\": [0.5, 3]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString()).contains("monthly_usd", "thresholds[1]");
  }
}
