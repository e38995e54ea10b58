package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.api.schedules.LostScheduleRestarter;
import dev.trainflow.workflows.spec.ScheduleCalendar;
import io.temporal.client.WorkflowClient;
import dev.trainflow.workflows.spec.ScheduleSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Schedules over REST on the embedded default: real schedule workflows starting real (tiny)
 * training runs on the embedded Temporal server, which does not skip time.
 */
class TrainingScheduleApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  @Autowired LostScheduleRestarter restarter;

  private ApiClient api;
  private long dataset;
  private long features;
  private long model;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    ApiFixtures fixtures = new ApiFixtures(api);
    dataset = fixtures.syntheticDataset(60, 30, 1500);
    features = fixtures.idsOnlyFeatureConfig();
    model = fixtures.retrievalModelConfig();
  }

  @Test
  void shouldShowAWeeklyScheduleFireOnTriggerListItsRunAndTakeEveryControl() throws Exception {
    String name = ApiFixtures.unique("weekly");
    ApiClient.Response created =
        api.post("/api/training/schedules", schedule(name, "{\"type\": \"weekly\", \"days_of_week\": [\"mon\"], \"time\": \"02:00\", \"time_zone\": \"Europe/Berlin\"}"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();
    long expectedNext =
        ScheduleCalendar.of(ScheduleSpec.weekly(List.of("monday"), "02:00", "Europe/Berlin")).nextAfter(System.currentTimeMillis());
    assertThat(created.body().get("status").asText()).isEqualTo("active");
    assertThat(created.body().get("workflow_id").asText()).isEqualTo("training-schedule-" + id);
    assertThat(created.body().at("/schedule/days_of_week/0").asText()).isEqualTo("monday");
    assertThat(created.body().at("/run_template/training_params/batch_size").asInt()).isEqualTo(1024);
    assertThat(created.body().at("/run_template/ml_model_name").asText()).isEqualTo(name);
    assertThat(created.body().get("overlap_policy").asText()).isEqualTo("skip");
    assertThat(instant(created.body().get("next_run_at"))).isEqualTo(Instant.ofEpochMilli(expectedNext));

    ApiClient.Response triggered = api.post("/api/training/schedules/" + id + "/trigger", null);
    assertThat(triggered.status()).as(triggered.body().toString()).isEqualTo(200);
    assertThat(triggered.body().get("total_runs").asInt()).isEqualTo(1);
    JsonNode firstRun = triggered.body().at("/runs/0");
    assertThat(firstRun.get("name").asText()).matches(name + "-\\d{8}-\\d{4}");
    JsonNode runOverRunsApi = api.get("/api/training-runs/" + firstRun.get("id").asLong()).body();
    assertThat(runOverRunsApi.get("schedule_id").asLong()).isEqualTo(id);

    JsonNode afterRun = awaitSchedule(id, s -> s.get("successful_runs").asInt() + s.get("failed_runs").asInt() == 1);
    assertThat(afterRun.at("/runs/0/status").asText()).as(afterRun.toString()).isEqualTo("completed");
    assertThat(afterRun.get("last_run_status").asText()).isEqualTo("completed");
    assertThat(afterRun.get("success_rate").asDouble()).isEqualTo(1.0);
    assertThat(afterRun.get("health").asText()).isEqualTo("healthy");

    JsonNode paused = api.post("/api/training/schedules/" + id + "/pause", "{\"reason\": \"data migration\"}").body();
    assertThat(paused.get("status").asText()).isEqualTo("paused");
    assertThat(paused.get("paused_reason").asText()).isEqualTo("data migration");
    assertThat(paused.has("next_run_at")).isFalse();
    assertThat(api.post("/api/training/schedules/" + id + "/pause", null).status()).isEqualTo(409);
    assertThat(api.get("/api/training/schedules?status=paused&size=100").body().get("items"))
        .anyMatch(s -> s.get("id").asLong() == id);

    JsonNode resumed = api.post("/api/training/schedules/" + id + "/resume", null).body();
    assertThat(resumed.get("status").asText()).isEqualTo("active");
    assertThat(instant(resumed.get("next_run_at"))).isEqualTo(Instant.ofEpochMilli(expectedNext));

    JsonNode changed =
        api.put("/api/training/schedules/" + id + "/schedule", "{\"type\": \"cron\", \"cron\": \"30 3 * * 2\", \"time_zone\": \"UTC\"}").body();
    assertThat(changed.at("/schedule/cron").asText()).as(changed.toString()).isEqualTo("30 3 * * 2");
    assertThat(instant(changed.get("next_run_at")).atOffset(java.time.ZoneOffset.UTC).getDayOfWeek())
        .isEqualTo(java.time.DayOfWeek.TUESDAY);

    JsonNode cancelled = api.post("/api/training/schedules/" + id + "/cancel", "{\"cancel_running\": false}").body();
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertThat(api.post("/api/training/schedules/" + id + "/trigger", null).status()).isEqualTo(409);
    assertThat(api.get("/api/training/schedules/" + id).body().get("total_runs").asInt()).isEqualTo(1);
  }

  @Test
  void shouldStartALostScheduleWorkflowAgainFromTheDatabase() throws Exception {
    JsonNode created =
        api.post("/api/training/schedules", schedule(ApiFixtures.unique("lost"), "{\"type\": \"daily\", \"time\": \"02:00\"}")).body();
    long id = created.get("id").asLong();
    String workflowId = created.get("workflow_id").asText();
    api.post("/api/training/schedules/" + id + "/pause", "{\"reason\": \"before the restart\"}");
    // What a restart of the embedded server does to a workflow: it is gone.
    temporal.newUntypedWorkflowStub(workflowId).terminate("simulated loss of the embedded server's state");

    assertThat(restarter.restartLostSchedules()).isGreaterThanOrEqualTo(1);

    assertThat(temporal.newUntypedWorkflowStub(workflowId).describe().getStatus())
        .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    JsonNode restarted = api.get("/api/training/schedules/" + id).body();
    assertThat(restarted.get("status").asText()).isEqualTo("paused");
    assertThat(restarted.get("paused_reason").asText()).isEqualTo("before the restart");
    JsonNode resumed = api.post("/api/training/schedules/" + id + "/resume", null).body();
    assertThat(resumed.get("status").asText()).as(resumed.toString()).isEqualTo("active");
    assertThat(instant(resumed.get("next_run_at"))).isEqualTo(instant(created.get("next_run_at")));
    assertThat(api.post("/api/training/schedules/" + id + "/cancel", null).body().get("status").asText()).isEqualTo("cancelled");
    assertThat(restarter.restartLostSchedules()).isZero();
  }

  @Test
  void shouldFireAOnceScheduleAtItsTime() throws Exception {
    String at = OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString();
    ApiClient.Response created =
        api.post("/api/training/schedules", schedule(ApiFixtures.unique("once"), "{\"type\": \"once\", \"at\": \"" + at + "\"}"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long id = created.body().get("id").asLong();

    JsonNode done = awaitSchedule(id, s -> s.get("status").asText().equals("completed"));

    assertThat(done.get("total_runs").asInt()).isEqualTo(1);
    assertThat(done.get("successful_runs").asInt()).as(done.toString()).isEqualTo(1);
    assertThat(instant(done.at("/runs/0/scheduled_for"))).isEqualTo(Instant.parse(at));
    assertThat(done.at("/runs/0/status").asText()).isEqualTo("completed");
  }

  @Test
  void shouldShowARunWithAFutureScheduledAtAsScheduledAndStartItOnRunNow() throws Exception {
    String at = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
    ApiClient.Response created = api.post("/api/training-runs", run(ApiFixtures.unique("later"), at));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long runId = created.body().get("id").asLong();
    assertThat(created.body().get("status").asText()).isEqualTo("scheduled");
    assertThat(instant(created.body().get("scheduled_for"))).isEqualTo(Instant.parse(at));
    long scheduleId = created.body().get("schedule_id").asLong();
    JsonNode schedule = api.get("/api/training/schedules/" + scheduleId).body();
    assertThat(schedule.at("/schedule/type").asText()).isEqualTo("once");
    assertThat(instant(schedule.get("next_run_at"))).isEqualTo(Instant.parse(at));

    ApiClient.Response started = api.post("/api/training-runs/" + runId + "/run-now", null);

    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    assertThat(started.body().get("status").asText()).isIn("submitting", "running");
    assertThat(awaitRun(runId).get("status").asText()).isEqualTo("completed");
    assertThat(awaitSchedule(scheduleId, s -> s.get("status").asText().equals("completed")).get("total_runs").asInt()).isEqualTo(1);
    assertThat(api.post("/api/training-runs/" + runId + "/run-now", null).status()).isEqualTo(409);
  }

  @Test
  void shouldCancelAScheduledRunWithItsSchedule() throws Exception {
    String at = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
    JsonNode created = api.post("/api/training-runs", run(ApiFixtures.unique("never"), at)).body();
    long runId = created.get("id").asLong();

    ApiClient.Response cancelled = api.post("/api/training-runs/" + runId + "/cancel", null);

    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(202);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    assertThat(api.get("/api/training/schedules/" + created.get("schedule_id").asLong()).body().get("status").asText())
        .isEqualTo("cancelled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "schedule.cron                       | {\"type\": \"cron\", \"cron\": \"0 2 * *\"}                                 | {}",
        "schedule.cron                       | {\"type\": \"cron\", \"cron\": \"99 2 * * *\"}                              | {}",
        "schedule.time_zone                  | {\"type\": \"daily\", \"time\": \"02:00\", \"time_zone\": \"Moon/Base\"}   | {}",
        "schedule.at                         | {\"type\": \"once\", \"at\": \"2001-01-01T02:00:00Z\"}                     | {}",
        "schedule.days_of_week               | {\"type\": \"weekly\", \"days_of_week\": [], \"time\": \"02:00\"}           | {}",
        "schedule.time                       | {\"type\": \"daily\", \"time\": \"25:00\"}                                  | {}",
        "schedule.type                       | {\"type\": \"hourly\"}                                                     | {}",
        "run_template.training_params.epochs | {\"type\": \"daily\", \"time\": \"02:00\"}                                  | {\"epochs\": 0}",
        "run_template.training_params.batch_size | {\"type\": \"daily\", \"time\": \"02:00\"}                              | {\"batch_size\": 100}",
      })
  void shouldRefuseAnInvalidScheduleNamingTheFieldAndCreateNothing(String field, String spec, String trainingParams) {
    long schedulesBefore = count("/api/training/schedules");
    long runsBefore = count("/api/training-runs");
    String body =
        """
        {"name": "%s", "schedule": %s,
         "run_template": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "training_params": %s}}
        """
            .formatted(ApiFixtures.unique("bad"), spec, dataset, features, model, trainingParams);

    ApiClient.Response response = api.post("/api/training/schedules", body);

    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    assertThat(fields(response)).contains(field);
    assertThat(count("/api/training/schedules")).isEqualTo(schedulesBefore);
    assertThat(count("/api/training-runs")).isEqualTo(runsBefore);
  }

  @Test
  void shouldNameEveryBadFieldOfOneScheduleRequest() {
    String body =
        """
        {"name": "Bad Name", "schedule": {"type": "weekly", "time": "2am", "time_zone": "Nowhere"},
         "run_template": {"dataset_id": 987654, "feature_config_id": %d, "model_config_id": %d,
                          "gpu_config": {"gpu_count": 3}},
         "overlap_policy": "queue", "catch_up_policy": "all", "pause_after_failures": 0, "colour": "red"}
        """
            .formatted(features, model);

    ApiClient.Response response = api.post("/api/training/schedules", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).contains("colour");
    ApiClient.Response withoutUnknown = api.post("/api/training/schedules", body.replace(", \"colour\": \"red\"", ""));
    assertThat(fields(withoutUnknown))
        .contains(
            "name", "schedule.time", "schedule.time_zone", "schedule.days_of_week", "run_template.dataset_id",
            "run_template.gpu_config.gpu_count", "overlap_policy", "catch_up_policy", "pause_after_failures");
  }

  @Test
  void shouldRefuseAScheduledAtInThePastAndCreateNothing() {
    long runsBefore = count("/api/training-runs");

    ApiClient.Response response = api.post("/api/training-runs", run(ApiFixtures.unique("past"), "2001-01-01T00:00:00Z"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("scheduled_at");
    assertThat(count("/api/training-runs")).isEqualTo(runsBefore);
    assertThat(api.get("/api/training/schedules/987654").status()).isEqualTo(404);
  }

  private String schedule(String name, String spec) {
    return """
        {"name": "%s", "schedule": %s,
         "run_template": {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
                          "training_params": {"epochs": 1, "batch_size": 1024}}}
        """
        .formatted(name, spec, dataset, features, model);
  }

  private String run(String name, String scheduledAt) {
    return """
        {"name": "%s", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"epochs": 1, "batch_size": 1024}, "scheduled_at": "%s"}
        """
        .formatted(name, dataset, features, model, scheduledAt);
  }

  private JsonNode awaitSchedule(long id, Predicate<JsonNode> done) throws InterruptedException {
    JsonNode schedule = null;
    for (int i = 0; i < 480; i++) {
      schedule = api.get("/api/training/schedules/" + id).body();
      if (done.test(schedule)) {
        return schedule;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("schedule " + id + " did not get there: " + schedule);
  }

  private JsonNode awaitRun(long id) throws InterruptedException {
    JsonNode run = null;
    for (int i = 0; i < 480; i++) {
      run = api.get("/api/training-runs/" + id).body();
      if (List.of("completed", "failed", "cancelled").contains(run.get("status").asText())) {
        return run;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("run " + id + " did not end: " + run);
  }

  private long count(String path) {
    return api.get(path + "?size=1").body().get("total").asLong();
  }

  private static Instant instant(JsonNode node) {
    return OffsetDateTime.parse(node.asText()).toInstant();
  }

  private static List<String> fields(ApiClient.Response response) {
    List<String> names = new ArrayList<>();
    response.body().get("fields").forEach(f -> names.add(f.get("field").asText()));
    return names;
  }
}
