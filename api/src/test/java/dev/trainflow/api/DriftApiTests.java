package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /api/datasets/{id}/drift} over CSV datasets written here. */
class DriftApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;
  @TempDir Path dir;

  /** A CSV dataset of {@code n} rows: amount ~ N(mean, 1), segment smb/mid/enterprise with the given weights. */
  private long csvDataset(ApiClient api, long seed, int n, double mean, double smb, double mid) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("order_id,amount,segment\n");
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      String segment = u < smb ? "smb" : u < smb + mid ? "mid" : "enterprise";
      csv.append("o").append(i).append(',').append(mean + random.nextGaussian()).append(',').append(segment).append('\n');
    }
    Path file = dir.resolve("orders-" + seed + ".csv");
    Files.writeString(file, csv);
    ApiClient.Response created =
        api.post(
            "/api/datasets",
            """
            {"name": "%s", "source": {"type": "csv", "uri": "%s",
              "columns": {"order_id": "string", "amount": "float", "segment": "string"}}}
            """
                .formatted(ApiFixtures.unique("orders"), file.toUri()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private static JsonNode feature(JsonNode report, String name) {
    for (JsonNode f : report.get("features")) {
      if (f.get("feature").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no feature " + name + " in " + report);
  }

  @Test
  void shouldReportNoDriftForTheSameDistributionAndDriftForAShiftedOne() throws IOException {
    ApiClient api = new ApiClient(port);
    long reference = csvDataset(api, 1, 2000, 0.0, 0.5, 0.3);
    long same = csvDataset(api, 2, 1500, 0.0, 0.5, 0.3);
    long shifted = csvDataset(api, 3, 1500, 0.8, 0.2, 0.3);
    String body = "{\"reference_dataset_id\": %d, \"features\": [\"amount\", \"segment\"], \"thresholds\": {\"segment\": 0.1}}".formatted(reference);

    ApiClient.Response stable = api.post("/api/datasets/" + same + "/drift", body);
    ApiClient.Response drifted = api.post("/api/datasets/" + shifted + "/drift", body);

    assertThat(stable.status()).as(stable.body().toString()).isEqualTo(200);
    assertThat(stable.body().get("drifted").asBoolean()).isFalse();
    assertThat(stable.body().get("reference_rows").asLong()).isEqualTo(2000);
    assertThat(stable.body().get("current_rows").asLong()).isEqualTo(1500);
    assertThat(feature(stable.body(), "amount").get("psi").asDouble()).isLessThan(0.05);
    assertThat(feature(stable.body(), "amount").get("ks_p_value").asDouble()).isGreaterThan(0.05);
    assertThat(feature(stable.body(), "segment").get("threshold").asDouble()).isEqualTo(0.1);
    assertThat(feature(stable.body(), "amount").get("threshold").asDouble()).isEqualTo(0.2);

    assertThat(drifted.status()).isEqualTo(200);
    assertThat(drifted.body().get("drifted").asBoolean()).isTrue();
    List<String> names = new ArrayList<>();
    drifted.body().get("drifted_features").forEach(n -> names.add(n.asText()));
    assertThat(names).containsExactly("amount", "segment");
    JsonNode amount = feature(drifted.body(), "amount");
    assertThat(amount.get("kind").asText()).isEqualTo("numeric");
    assertThat(amount.get("ks_statistic").asDouble()).isGreaterThan(0.25);
    assertThat(amount.get("wasserstein").asDouble()).isBetween(0.7, 0.9);
    assertThat(feature(drifted.body(), "segment").get("js_divergence").asDouble()).isPositive();

    String prometheus = api.get("/actuator/prometheus").body().asText();
    assertThat(prometheus).contains("trainflow_data_drift_psi{dataset=\"" + shifted + "\",feature=\"amount\"");
    assertThat(prometheus).contains("trainflow_data_drift_checks_total{outcome=\"drifted\"");
  }

  @Test
  void shouldRefuseBadSettingsAndAMissingReference() throws IOException {
    ApiClient api = new ApiClient(port);
    long dataset = csvDataset(api, 4, 100, 0.0, 0.5, 0.3);

    ApiClient.Response bad =
        api.post("/api/datasets/" + dataset + "/drift",
            "{\"reference_run_id\": 1, \"reference_dataset_id\": 2, \"bins\": 1, \"default_threshold\": -1, \"features\": [\"bad name\"]}");
    ApiClient.Response noModel = api.post("/api/datasets/" + dataset + "/drift", null);

    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.body().get("fields").forEach(f -> fields.add(f.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("reference_run_id", "bins", "default_threshold", "features[0]");
    assertThat(noModel.status()).isEqualTo(400);
    assertThat(noModel.body().toString()).contains("no registered model was trained on dataset " + dataset);
    assertThat(api.post("/api/datasets/999999/drift", null).status()).isEqualTo(404);
  }
}
