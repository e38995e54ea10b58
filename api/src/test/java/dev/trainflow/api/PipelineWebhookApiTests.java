package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.trainflow.activities.pipelines.WebhookSender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pipeline webhooks and notify tasks against a real HTTP receiver: the body signed with the
 * configured secret (test-webhook-secret, in the test application.properties), a 5xx retried, the
 * event by outcome; a receiver at /gone answers 410, which is not retried.
 */
class PipelineWebhookApiTests extends EmbeddedApiTest {
  private static final byte[] SECRET = "test-webhook-secret".getBytes(StandardCharsets.UTF_8);

  @LocalServerPort int port;
  private HttpServer receiver;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  record Delivery(String path, String event, String signature, String deliveryId, byte[] body) {}

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = exchange.getRequestURI().getPath().equals("/gone") ? 410 : failFirst.getAndDecrement() > 0 ? 503 : 204;
      deliveries.add(new Delivery(
          exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Trainflow-Event"),
          exchange.getRequestHeaders().getFirst("X-Trainflow-Signature"), exchange.getRequestHeaders().getFirst("X-Trainflow-Delivery"),
          body));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String hook(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  private long pipeline(ApiClient api, long dataset) {
    ApiClient.Response created =
        api.post(
            "/api/pipelines",
            """
            {"pipeline_id": "%s", "on_success": {"url": "%s"}, "on_failure": {"url": "%s"},
             "tasks": [{"task_id": "validate", "kind": "validate_data", "dataset_id": %d}]}
            """
                .formatted(ApiFixtures.unique("hooked"), hook("/ok"), hook("/failed"), dataset));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  @Test
  void shouldPostASignedSuccessAndRetryAReceiverThatWasDown() throws Exception {
    ApiClient api = new ApiClient(port);
    long pipeline = pipeline(api, new ApiFixtures(api).syntheticDataset(50, 20, 500));
    failFirst.set(1);

    long run = api.post("/api/pipelines/" + pipeline + "/runs", null).body().get("id").asLong();
    JsonNode ended = awaitDeliveries(api, run, 2);

    assertThat(ended.get("status").asText()).isEqualTo("succeeded");
    assertThat(deliveries).hasSize(2);
    Delivery delivered = deliveries.get(1);
    assertThat(delivered.path()).isEqualTo("/ok");
    assertThat(delivered.event()).isEqualTo("pipeline_run.succeeded");
    assertThat(delivered.deliveryId()).isEqualTo(deliveries.get(0).deliveryId()).isEqualTo(run + "-pipeline_run.succeeded");
    assertThat(delivered.signature()).isEqualTo("sha256=" + WebhookSender.sign(SECRET, delivered.body()));
    JsonNode body = new ObjectMapper().readTree(delivered.body());
    assertThat(body.at("/run/pipeline_run_id").asLong()).isEqualTo(run);
    assertThat(body.at("/run/status").asText()).isEqualTo("succeeded");
    assertThat(body.at("/run/tasks/0/task_id").asText()).isEqualTo("validate");
  }

  @Test
  void shouldPostAFailureToTheFailureHook() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiClient.Response dataset =
        api.post(
            "/api/datasets",
            """
            {"name": "%s", "source": {"type": "synthetic", "customers": 50, "products": 20, "interactions": 500,
              "validation": {"min_rows": 100000}}}
            """
                .formatted(ApiFixtures.unique("too-small")));
    long pipeline = pipeline(api, dataset.body().get("id").asLong());

    long run = api.post("/api/pipelines/" + pipeline + "/runs", null).body().get("id").asLong();
    JsonNode ended = awaitDeliveries(api, run, 1);

    assertThat(ended.get("status").asText()).isEqualTo("failed");
    assertThat(ended.at("/tasks/0/message").asText()).contains("min_rows: 500 rows, at least 100000 required");
    assertThat(deliveries).singleElement().satisfies(d -> {
      assertThat(d.path()).isEqualTo("/failed");
      assertThat(d.event()).isEqualTo("pipeline_run.failed");
      assertThat(d.signature()).isEqualTo("sha256=" + WebhookSender.sign(SECRET, d.body()));
    });
  }

  @Test
  void shouldRefuseAWebhookThatIsNotAnHttpUrl() {
    ApiClient api = new ApiClient(port);

    ApiClient.Response response =
        api.post("/api/pipelines", "{\"pipeline_id\": \"bad-hook\", \"on_failure\": {\"url\": \"ftp://x\"}, \"tasks\": [{\"task_id\": \"v\", \"kind\": \"validate_data\", \"dataset_id\": 1}]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString()).contains("on_failure.url", "is not an absolute http or https URL");
  }

  /** validate, then the given notify tasks after it, without run-end webhooks. */
  private long notifyingPipeline(ApiClient api, long dataset, String... notifyTasks) {
    ApiClient.Response created =
        api.post(
            "/api/pipelines",
            """
            {"pipeline_id": "%s", "tasks": [{"task_id": "validate", "kind": "validate_data", "dataset_id": %d}, %s]}
            """
                .formatted(ApiFixtures.unique("notifying"), dataset, String.join(", ", notifyTasks)));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private String notifyTask(String taskId, String path) {
    return "{\"task_id\": \"%s\", \"kind\": \"notify\", \"dependencies\": [\"validate\"], \"url\": \"%s\"}".formatted(taskId, hook(path));
  }

  @Test
  void shouldPostANotifyTasksSignedReportSoFarAndRetryAReceiverThatWasDown() throws Exception {
    ApiClient api = new ApiClient(port);
    long pipeline = notifyingPipeline(api, new ApiFixtures(api).syntheticDataset(50, 20, 500), notifyTask("tell", "/report"));
    failFirst.set(1);

    long run = api.post("/api/pipelines/" + pipeline + "/runs", null).body().get("id").asLong();
    JsonNode ended = awaitDeliveries(api, run, 2);

    assertThat(ended.get("status").asText()).isEqualTo("succeeded");
    assertThat(deliveries).hasSize(2);
    Delivery delivered = deliveries.get(1);
    assertThat(delivered.path()).isEqualTo("/report");
    assertThat(delivered.event()).isEqualTo("pipeline_task.notify");
    assertThat(delivered.deliveryId()).isEqualTo(deliveries.get(0).deliveryId()).isEqualTo(run + "-pipeline_task.notify-tell");
    assertThat(delivered.signature()).isEqualTo("sha256=" + WebhookSender.sign(SECRET, delivered.body()));
    JsonNode body = new ObjectMapper().readTree(delivered.body());
    assertThat(body.get("task_id").asText()).isEqualTo("tell");
    assertThat(body.at("/run/pipeline_run_id").asLong()).isEqualTo(run);
    assertThat(body.at("/run/status").asText()).as("the report so far: the run has not ended").isEqualTo("running");
    assertThat(body.at("/run/tasks/0/task_id").asText()).isEqualTo("validate");
    assertThat(body.at("/run/tasks/0/status").asText()).isEqualTo("succeeded");
    assertThat(body.at("/run/tasks/1/status").asText()).isEqualTo("running");
    assertThat(ended.at("/tasks/1/status").asText()).isEqualTo("succeeded");
    assertThat(ended.at("/tasks/1/message").asText()).isEqualTo("report posted to " + hook("/report"));
  }

  @Test
  void shouldFailOnlyTheNotifyTaskWhoseReceiverRefused() throws Exception {
    ApiClient api = new ApiClient(port);
    long pipeline =
        notifyingPipeline(
            api, new ApiFixtures(api).syntheticDataset(50, 20, 500), notifyTask("tell_gone", "/gone"), notifyTask("tell_ok", "/report"));

    long run = api.post("/api/pipelines/" + pipeline + "/runs", null).body().get("id").asLong();
    JsonNode ended = awaitDeliveries(api, run, 2);

    assertThat(deliveries).as("410 is not retried").hasSize(2);
    assertThat(ended.at("/tasks/0/status").asText()).isEqualTo("succeeded");
    assertThat(ended.at("/tasks/1/task_id").asText()).isEqualTo("tell_gone");
    assertThat(ended.at("/tasks/1/status").asText()).isEqualTo("failed");
    assertThat(ended.at("/tasks/1/message").asText()).isEqualTo("not delivered: webhook " + hook("/gone") + " answered 410");
    assertThat(ended.at("/tasks/2/status").asText()).isEqualTo("succeeded");
    assertThat(ended.get("status").asText()).as("no model was trained, and a task failed").isEqualTo("failed");
  }

  @Test
  void shouldRefuseANotifyTaskWithoutAnHttpUrl() {
    ApiClient api = new ApiClient(port);

    ApiClient.Response response =
        api.post("/api/pipelines", "{\"pipeline_id\": \"bad-notify\", \"tasks\": [{\"task_id\": \"v\", \"kind\": \"validate_data\", \"dataset_id\": 1, \"url\": \"http://x\"}, {\"task_id\": \"n\", \"kind\": \"notify\", \"url\": \"file:/etc/passwd\"}]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString())
        .contains("tasks[1].url", "'file:/etc/passwd' is not an absolute http or https URL", "tasks[0].url", "only a notify task has a url");
    assertThat(api.get("/api/pipelines").body().toString()).doesNotContain("bad-notify");
  }

  private JsonNode awaitDeliveries(ApiClient api, long run, int count) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      JsonNode state = api.get("/api/pipeline-runs/" + run).body();
      if (!state.get("status").asText().equals("running") && deliveries.size() >= count) {
        return state;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("pipeline run " + run + " did not end with " + count + " deliveries: " + deliveries.size());
  }
}
