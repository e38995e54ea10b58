package dev.trainflow.api.ops;

import static dev.trainflow.api.ops.OpsFiles.list;
import static dev.trainflow.api.ops.OpsFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files under ops/ parse, and say what they must: there is no Docker engine or
 * cluster here to run them, so their shape is what is checked.
 */
class OpsFilesTests {

  @Test
  void shouldDescribeTheWholeLocalStackInTheComposeFile() {
    Map<String, Object> compose = map(OpsFiles.yaml("compose/compose.yaml"));
    Map<String, Object> services = map(compose.get("services"));
    assertThat(services).containsKeys(
        "postgresql", "temporal", "temporal-ui", "api", "gpu-worker-1", "gpu-worker-2", "model-server", "prometheus", "grafana");
    services.forEach((name, service) -> assertThat(map(service)).as(name).containsKey("image"));
    for (String worker : List.of("gpu-worker-1", "gpu-worker-2")) {
      Map<String, Object> w = map(services.get(worker));
      assertThat(map(w.get("environment"))).containsEntry("TEMPORAL_ADDRESS", "temporal:7233").containsKey("METRICS_PORT");
      Object devices = map(map(map(w.get("deploy")).get("resources")).get("reservations")).get("devices");
      assertThat(list(devices)).singleElement().satisfies(d -> assertThat(list(map(d).get("capabilities"))).contains("gpu"));
    }
    Map<String, Object> api = map(map(services.get("api")).get("environment"));
    assertThat(api).containsEntry("TEMPORAL_ADDRESS", "temporal:7233").containsKey("DATABASE_URL")
        .containsEntry("EMBEDDED_GPU_WORKER", "false").containsKey("TRAINFLOW_AUTH_TOKENS_0_SHA256");
    Set<String> volumes = map(compose.get("volumes")).keySet();
    for (Map.Entry<String, Object> service : services.entrySet()) {
      for (Object mount : list(map(service.getValue()).get("volumes"))) {
        String source = String.valueOf(mount).split(":")[0];
        if (source.startsWith("../")) {
          assertThat(OpsFiles.path("compose").resolve(source)).as(service.getKey() + " mounts " + source).exists();
        } else if (!source.startsWith("$")) {
          assertThat(volumes).as(service.getKey() + " mounts volume " + source).contains(source);
        }
      }
    }
  }

  @Test
  void shouldDeployTheApiGpuWorkersAndModelServerOnKubernetes() throws IOException {
    List<Map<String, Object>> docs = kubernetesDocuments();
    docs.forEach(d -> assertThat(d).as(String.valueOf(d.get("kind"))).containsKeys("apiVersion", "kind", "metadata"));
    Map<String, Map<String, Object>> deployments = byName(docs, "Deployment");
    assertThat(deployments).containsKeys("trainflow-api", "trainflow-gpu-worker", "trainflow-model-server");
    Set<String> configMaps = byName(docs, "ConfigMap").keySet();
    Set<String> secrets = byName(docs, "Secret").keySet();
    Set<String> claims = byName(docs, "PersistentVolumeClaim").keySet();
    for (Map.Entry<String, Map<String, Object>> d : deployments.entrySet()) {
      Map<String, Object> spec = map(d.getValue().get("spec"));
      Map<String, Object> template = map(spec.get("template"));
      assertThat(map(map(template.get("metadata")).get("labels")))
          .as(d.getKey() + " selects its own pods")
          .containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
      Map<String, Object> pod = map(template.get("spec"));
      for (Object container : list(pod.get("containers"))) {
        for (Object from : list(map(container).get("envFrom"))) {
          Map<String, Object> ref = map(from);
          if (ref.containsKey("configMapRef")) {
            assertThat(configMaps).contains((String) map(ref.get("configMapRef")).get("name"));
          } else {
            assertThat(secrets).contains((String) map(ref.get("secretRef")).get("name"));
          }
        }
        assertThat(map(container)).as(d.getKey() + " probes").containsKeys("readinessProbe", "livenessProbe");
      }
      for (Object volume : list(pod.get("volumes"))) {
        assertThat(claims).contains((String) map(map(volume).get("persistentVolumeClaim")).get("claimName"));
      }
    }
    Map<String, Object> worker = map(map(map(deployments.get("trainflow-gpu-worker").get("spec")).get("template")).get("spec"));
    assertThat(map(worker.get("nodeSelector"))).isNotEmpty();
    assertThat(list(worker.get("tolerations"))).anySatisfy(t -> assertThat(map(t)).containsEntry("key", "nvidia.com/gpu"));
    assertThat(map(map(map(list(worker.get("containers")).get(0)).get("resources")).get("limits"))).containsKey("nvidia.com/gpu");

    Set<Object> disrupted = new HashSet<>();
    byName(docs, "PodDisruptionBudget").values()
        .forEach(p -> disrupted.add(map(map(map(p.get("spec")).get("selector")).get("matchLabels")).get("app.kubernetes.io/name")));
    assertThat(disrupted).containsAll(deployments.keySet());

    Map<String, Object> hpa = byName(docs, "HorizontalPodAutoscaler").get("trainflow-gpu-worker");
    assertThat(map(map(hpa.get("spec")).get("scaleTargetRef"))).containsEntry("name", "trainflow-gpu-worker");
    Map<String, Object> metric = map(map(list(map(hpa.get("spec")).get("metrics")).get(0)).get("external"));
    assertThat(map(metric.get("metric"))).containsEntry("name", "trainflow_training_queue_backlog");
  }

  @Test
  void shouldListEveryManifestInTheKustomization() throws IOException {
    Set<Object> listed = new HashSet<>(list(map(OpsFiles.yaml("k8s/kustomization.yaml")).get("resources")));
    try (Stream<Path> files = Files.list(OpsFiles.path("k8s"))) {
      files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
          .forEach(f -> assertThat(listed).as("kustomization lists " + f).contains(f));
    }
  }

  @Test
  void shouldHaveWellFormedAlertRulesThatPrometheusLoads() {
    Map<String, Object> prometheus = map(OpsFiles.yaml("prometheus/prometheus.yml"));
    assertThat(list(prometheus.get("rule_files"))).contains("/etc/prometheus/alerts.yml");
    List<String> jobs = list(prometheus.get("scrape_configs")).stream().map(j -> (String) map(j).get("job_name")).toList();
    assertThat(jobs).contains("trainflow-api", "trainflow-gpu-workers", "trainflow-model-server");

    Set<String> names = new HashSet<>();
    for (Object group : list(map(OpsFiles.yaml("prometheus/alerts.yml")).get("groups"))) {
      for (Object r : list(map(group).get("rules"))) {
        Map<String, Object> rule = map(r);
        String name = (String) rule.get("alert");
        assertThat(names.add(name)).as("alert names are unique: " + name).isTrue();
        assertThat(rule.get("expr")).as(name).isNotNull();
        assertThat(map(rule.get("labels"))).as(name).containsKey("severity");
        assertThat(map(rule.get("annotations"))).as(name).containsKey("summary");
        assertThat(OpsFiles.metricNames(List.of(String.valueOf(rule.get("expr"))))).as(name + " names a metric").isNotEmpty();
      }
    }
    // the seed's alerts
    assertThat(names).contains(
        "TrainingStalled", "TrainingFailureRateHigh", "TrainingJobOverSlo", "TrainingQueueBacklog",
        "GpuWorkerHeartbeatMissing", "RunBudgetAlmostSpent", "DailyTrainingSpendHigh");
  }

  @Test
  void shouldHaveADashboardWithTheSeedsPanels() {
    JsonNode dashboard = OpsFiles.json("grafana/dashboards/trainflow.json");
    assertThat(dashboard.get("uid").asText()).isNotBlank();
    List<String> rows = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
      if (panel.get("type").asText().equals("row")) {
        rows.add(panel.get("title").asText());
      } else {
        assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
        panel.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
      }
    }
    assertThat(rows).contains("Job status", "Worker health", "Training progress", "Cost", "Data quality", "Model server");
    assertThat(OpsFiles.dashboardExpressions()).anySatisfy(e -> assertThat(e).contains("trainflow_training_run_loss"));
    map(OpsFiles.yaml("grafana/provisioning/datasources/prometheus.yml"));
    assertThat(list(map(OpsFiles.yaml("grafana/provisioning/dashboards/trainflow.yml")).get("providers"))).isNotEmpty();
  }

  @Test
  void shouldReadMetricNamesButNotFunctionsOrLabelValues() {
    assertThat(OpsFiles.metricNames(List.of(
            "max by (run_id) (time() - trainflow_training_run_last_progress_timestamp_seconds{stage=\"train\"}) > 1800",
            "up{job=\"trainflow-gpu-workers\"} == 0",
            "histogram_quantile(0.9, sum by (le) (rate(trainflow_training_queue_delay_seconds_bucket[1h])))")))
        .containsExactly(
            "trainflow_training_run_last_progress_timestamp_seconds", "up", "trainflow_training_queue_delay_seconds_bucket");
  }

  private static List<Map<String, Object>> kubernetesDocuments() throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(OpsFiles.path("k8s"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".yaml") && !name.equals("kustomization.yaml")) {
          docs.addAll(OpsFiles.yamlDocuments("k8s/" + name));
        }
      }
    }
    return docs;
  }

  private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> docs, String kind) {
    Map<String, Map<String, Object>> found = new java.util.LinkedHashMap<>();
    docs.stream().filter(d -> kind.equals(d.get("kind"))).forEach(d -> found.put((String) map(d.get("metadata")).get("name"), d));
    return found;
  }
}
