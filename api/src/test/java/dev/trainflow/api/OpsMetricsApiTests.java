package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.observability.ModelServerMeters;
import dev.trainflow.api.ops.OpsFiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every metric the alert rules and the Grafana dashboard name exists in the api's
 * {@code /actuator/prometheus} during and after a real run. The per-run series exist only while a
 * run trains, so the names of every scrape of a run's life are collected. The model server's
 * metrics come from a server this build does not have: they are checked against the names {@link
 * ModelServerMeters} produces. {@code up} is Prometheus's own.
 */
class OpsMetricsApiTests extends EmbeddedApiTest {
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  @LocalServerPort int port;

  @Test
  void shouldNameOnlyMetricsThatTheServiceExports() throws Exception {
    List<String> expressions = new ArrayList<>(OpsFiles.alertExpressions());
    expressions.addAll(OpsFiles.dashboardExpressions());
    Set<String> referenced = new TreeSet<>(OpsFiles.metricNames(expressions));
    Set<String> modelServer = modelServerNames();
    Set<String> wanted = new TreeSet<>(referenced);
    wanted.removeAll(PROMETHEUS_OWN);
    wanted.removeIf(name -> name.startsWith("trainflow_model_server_"));

    // the series of a running run: seen while it trains, gone once it ended
    Set<String> perRun = new TreeSet<>(wanted);
    perRun.removeIf(name -> !name.startsWith("trainflow_training_run_") || name.startsWith("trainflow_training_run_duration"));

    ApiClient api = new ApiClient(port);
    Set<String> seen = new TreeSet<>();
    long id = startLongRun(api);
    String status = "running";
    for (int i = 0; i < 600 && !seen.containsAll(perRun) && !ended(status); i++) {
      seen.addAll(scrape(api).names());
      TimeUnit.MILLISECONDS.sleep(300);
      status = api.get("/api/training-runs/" + id).body().get("status").asText();
    }
    // ending it (cancelled) brings the end-of-run series
    if (!ended(status)) {
      assertThat(api.post("/api/training-runs/" + id + "/cancel", "{\"reason\": \"metrics seen\"}").status()).isEqualTo(202);
    }
    for (int i = 0; i < 200 && !seen.containsAll(wanted); i++) {
      seen.addAll(scrape(api).names());
      TimeUnit.MILLISECONDS.sleep(300);
    }

    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(seen);
    assertThat(missing).as("metrics named in ops/prometheus/alerts.yml or the dashboard that the api never exported").isEmpty();
    Set<String> missingModelServer = new TreeSet<>(referenced);
    missingModelServer.removeIf(name -> !name.startsWith("trainflow_model_server_"));
    missingModelServer.removeAll(modelServer);
    assertThat(missingModelServer).as("model-server metrics that ModelServerMeters does not define").isEmpty();
    assertThat(referenced).contains("trainflow_model_server_request_duration_seconds_bucket");
  }

  /** What the model server will export: ModelServerMeters, recorded once, scraped. */
  private static Set<String> modelServerNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ModelServerMeters meters = new ModelServerMeters(registry);
    meters.request("two-tower", "predict", "ok", Duration.ofMillis(12));
    meters.batch("two-tower", 16);
    return PrometheusText.parse(registry.scrape()).names();
  }

  /** Long enough to be seen training; a cost limit, so the budget gauge exists. */
  private static long startLongRun(ApiClient api) {
    ApiFixtures fixtures = new ApiFixtures(api);
    long dataset = fixtures.syntheticDataset(400, 150, 12000);
    long features = fixtures.idsOnlyFeatureConfig();
    long model = fixtures.retrievalModelConfig();
    ApiClient.Response created =
        api.post(
            "/api/training-runs",
            """
            {"name": "ops-metrics", "ml_model_name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
             "training_params": {"epochs": 300, "batch_size": 256, "max_cost_usd": 100.0}}
            """
                .formatted(ApiFixtures.unique("ops-metrics"), dataset, features, model));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private static boolean ended(String status) {
    return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
  }

  private static PrometheusText scrape(ApiClient api) {
    ApiClient.Response response = api.get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.body();
    return PrometheusText.parse(body.asText());
  }
}
