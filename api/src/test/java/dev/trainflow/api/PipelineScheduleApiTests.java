package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Schedules that fire pipeline runs, over REST on the embedded default: a real schedule workflow
 * starting a real pipeline run (one validate_data task on a synthetic dataset) as its child.
 */
class PipelineScheduleApiTests extends EmbeddedApiTest {
  private static final String WEEKLY = "{\"type\": \"weekly\", \"days_of_week\": [\"mon\"], \"time\": \"02:00\", \"time_zone\": \"UTC\"}";

  @LocalServerPort int port;
  private ApiClient api;
  private long dataset;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    dataset = new ApiFixtures(api).syntheticDataset(50, 20, 500);
  }

  private long pipeline(String dependsOn) {
    ApiClient.Response created =
        api.post(
            "/api/pipelines",
            """
            {"pipeline_id": "%s", %s "tasks": [{"task_id": "validate", "kind": "validate_data", "dataset_id": %d}]}
            """
                .formatted(ApiFixtures.unique("scheduled"), dependsOn == null ? "" : "\"depends_on\": \"" + dependsOn + "\",", dataset));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private long schedule(long pipelineId) {
    ApiClient.Response created =
        api.post(
            "/api/training/schedules",
            "{\"name\": \"%s\", \"schedule\": %s, \"pipeline_id\": %d}".formatted(ApiFixtures.unique("pipe-sched"), WEEKLY, pipelineId));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().get("pipeline_id").asLong()).isEqualTo(pipelineId);
    assertThat(created.body().path("run_template").isMissingNode() || created.body().get("run_template").isNull()).as("no run template").isTrue();
    return created.body().get("id").asLong();
  }

  @Test
  void shouldFireAPipelineRunOnTriggerAndCountItsSuccess() throws Exception {
    long pipeline = pipeline(null);
    long schedule = schedule(pipeline);

    ApiClient.Response triggered = api.post("/api/training/schedules/" + schedule + "/trigger", null);
    assertThat(triggered.status()).as(triggered.body().toString()).isEqualTo(200);
    assertThat(triggered.body().get("total_runs").asInt()).isEqualTo(1);

    JsonNode runs = api.get("/api/pipelines/" + pipeline + "/runs").body();
    assertThat(runs.at("/items").size()).as(runs.toString()).isEqualTo(1);
    long run = runs.at("/items/0/id").asLong();
    assertThat(triggered.body().get("last_run_id").asLong()).as("the schedule's last run is the pipeline run").isEqualTo(run);
    JsonNode ended = await("/api/pipeline-runs/" + run, n -> !n.get("status").asText().equals("running"));
    assertThat(ended.get("status").asText()).isEqualTo("succeeded");
    assertThat(ended.at("/tasks/0/task_id").asText()).isEqualTo("validate");
    JsonNode counted = await("/api/training/schedules/" + schedule, n -> n.get("successful_runs").asInt() == 1);
    assertThat(counted.get("last_run_status").asText()).isEqualTo("completed");

    ApiClient.Response cancelRunning = api.post("/api/training/schedules/" + schedule + "/cancel", "{\"cancel_running\": true}");
    assertThat(cancelRunning.status()).isEqualTo(400);
    assertThat(cancelRunning.body().toString()).contains("cancel_running is not supported for a pipeline schedule");
    assertThat(api.post("/api/training/schedules/" + schedule + "/cancel", "{\"cancel_running\": false}").body().get("status").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void shouldFailAFireWhosePipelineDependsOnARunThatDidNotSucceed() throws Exception {
    long upstream = pipeline(null);
    String upstreamName = api.get("/api/pipelines/" + upstream).body().get("pipeline_id").asText();
    long pipeline = pipeline(upstreamName);
    long schedule = schedule(pipeline);

    api.post("/api/training/schedules/" + schedule + "/trigger", null);

    JsonNode counted = await("/api/training/schedules/" + schedule, n -> n.get("failed_runs").asInt() == 1);
    assertThat(counted.get("successful_runs").asInt()).isZero();
    JsonNode run = api.get("/api/pipelines/" + pipeline + "/runs").body().at("/items/0");
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("message").asText()).contains("depends on " + upstreamName + ", whose latest run does not exist");
    assertThat(counted.get("last_run_id").asLong()).isEqualTo(run.get("id").asLong());
    api.post("/api/training/schedules/" + schedule + "/cancel", "{\"cancel_running\": false}");
  }

  @Test
  void shouldRefuseAScheduleWithBothOrNeitherOrAnUnknownPipeline() {
    long pipeline = pipeline(null);
    String both =
        "{\"name\": \"both\", \"schedule\": %s, \"pipeline_id\": %d, \"run_template\": {\"dataset_id\": %d}}".formatted(WEEKLY, pipeline, dataset);
    ApiClient.Response response = api.post("/api/training/schedules", both);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString()).contains("pipeline_id", "either a run_template or a pipeline_id, not both");

    ApiClient.Response unknown =
        api.post("/api/training/schedules", "{\"name\": \"unknown\", \"schedule\": %s, \"pipeline_id\": 999999}".formatted(WEEKLY));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().toString()).contains("pipeline_id", "pipeline 999999 does not exist");

    ApiClient.Response neither = api.post("/api/training/schedules", "{\"name\": \"neither\", \"schedule\": %s}".formatted(WEEKLY));
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.body().toString()).contains("run_template");
  }

  private JsonNode await(String path, java.util.function.Predicate<JsonNode> done) throws InterruptedException {
    JsonNode node = api.get(path).body();
    for (int i = 0; i < 240 && !done.test(node); i++) {
      TimeUnit.MILLISECONDS.sleep(250);
      node = api.get(path).body();
    }
    assertThat(done.test(node)).as(node.toString()).isTrue();
    return node;
  }
}
