package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A dataset's data-quality gate over REST: validated at creation, enforced by the run, reported. */
class DataValidationApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  @Test
  void shouldRefuseAGateNamingUnknownColumnsAndBadValues() {
    ApiClient api = new ApiClient(port);

    ApiClient.Response response =
        api.post(
            "/api/datasets",
            """
            {"name": "%s", "source": {"type": "synthetic", "customers": 50, "products": 20, "interactions": 500,
              "validation": {"min_rows": -1, "completeness": {"churned": 0.1, "price": 1.5},
                "validity": [{"column": "segment", "type": "text"}, {"column": "price", "pattern": "[a-"}],
                "consistency": [{"left": "timestamp", "operator": "=>", "right": "price"}],
                "freshness": {"column": "timestamp", "max_age_days": 0}}}}
            """
                .formatted(ApiFixtures.unique("gated")));

    assertThat(response.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    response.body().get("fields").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "source.validation.min_rows",
            "source.validation.completeness.churned",
            "source.validation.completeness.price",
            "source.validation.validity[0].type",
            "source.validation.validity[1].pattern",
            "source.validation.consistency[0].operator",
            "source.validation.freshness.max_age_days");
    assertThat(response.body().toString()).contains("the dataset has no column 'churned'");
  }

  @Test
  void shouldFailTheRunAtTheGateAndServeItsReport() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    ApiClient.Response dataset =
        api.post(
            "/api/datasets",
            """
            {"name": "%s", "source": {"type": "synthetic", "customers": 60, "products": 30, "interactions": 800, "seed": 3,
              "validation": {"min_rows": 100, "completeness": {"customer_id": 0.0},
                "validity": [{"column": "price", "type": "float", "min": 0, "max": 1.0},
                             {"column": "segment", "allowed": ["smb", "mid_market", "enterprise", "public_sector"]}],
                "uniqueness": [{"columns": ["customer_id", "product_id", "timestamp"]}]}}}
            """
                .formatted(ApiFixtures.unique("gated")));
    assertThat(dataset.status()).as(dataset.body().toString()).isEqualTo(201);
    assertThat(dataset.body().at("/source/validation/min_rows").asLong()).isEqualTo(100);

    ApiClient.Response created =
        api.post(
            "/api/training-runs",
            """
            {"name": "gated-run", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": 1, "batch_size": 256}}
            """
                .formatted(dataset.body().get("id").asLong(), fixtures.idsOnlyFeatureConfig(), fixtures.retrievalModelConfig()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();

    JsonNode run = awaitEnd(api, id);

    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("error_stage").asText()).isEqualTo("schema");
    assertThat(run.at("/error_details/reason").asText()).isEqualTo("data_validation");
    assertThat(run.get("error_message").asText()).contains("validity (range) of 'price'");
    assertThat(run.get("attempts").asInt()).isZero();

    ApiClient.Response report = api.get("/api/training-runs/" + id + "/data-validation");
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body().get("passed").asBoolean()).isFalse();
    assertThat(report.body().get("rows").asLong()).isEqualTo(800);
    List<String> failed = new ArrayList<>();
    report.body().get("checks").forEach(c -> {
      if (!c.get("passed").asBoolean()) {
        failed.add(c.get("check").asText() + "/" + c.get("rule").asText() + "/" + c.get("column").asText());
        assertThat(c.get("sample_rows").size()).isPositive();
        assertThat(c.get("threshold").asDouble()).isZero();
      }
    });
    assertThat(failed).containsExactly("validity/range/price");
    assertThat(report.body().get("checks")).hasSize(6);

    assertThat(api.get("/api/training-runs/999999/data-validation").status()).isEqualTo(404);
  }

  private static JsonNode awaitEnd(ApiClient api, long id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = api.get("/api/training-runs/" + id).body();
      String status = run.get("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("run " + id + " did not end");
  }
}
