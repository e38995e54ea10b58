package dev.trainflow.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.PayloadConverters;
import dev.trainflow.workflows.activities.PipelineNotification;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.run.HistoryRecorder;
import dev.trainflow.workflows.run.RunTemplate;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline workflow on Temporal's test environment, skipping time, with scripted model runs. */
class TrainingPipelineWorkflowTests {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private FakePipelineActivities activities;

  @BeforeEach
  void setUp() {
    ScriptedModelRun.SCRIPTS.clear();
    activities = new FakePipelineActivities();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(PayloadConverters.dataConverter()).build())
                .build());
    // a first workflow task that loads classes on a busy 2-core machine can take over the 1 s default
    WorkerOptions options = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(5_000).build();
    Worker orchestration = env.newWorker(TaskQueues.ORCHESTRATION, options);
    orchestration.registerWorkflowImplementationTypes(TrainingPipelineWorkflowImpl.class, ScriptedModelRun.class);
    orchestration.registerActivitiesImplementations((dev.trainflow.workflows.activities.PipelineRecordActivities) activities);
    env.newWorker(TaskQueues.DATA, options).registerActivitiesImplementations((dev.trainflow.workflows.activities.PipelineDataActivities) activities);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static RunTemplate template(String model) {
    return new RunTemplate(model, "retrieval", null, 1, 1, 1, null, null, null, null);
  }

  /** validate -> train a, b, c, d -> evaluate -> register, the seed's F1 shape. */
  private static List<PipelineTask> f1(long datasetId, int retries) {
    List<PipelineTask> tasks = new ArrayList<>();
    tasks.add(new PipelineTask("validate", PipelineTask.VALIDATE_DATA, List.of(), null, null, datasetId, null));
    for (String m : List.of("a", "b", "c", "d")) {
      tasks.add(new PipelineTask("train_" + m, PipelineTask.TRAIN, List.of("validate"), null, retries, null, template("model-" + m)));
    }
    tasks.add(new PipelineTask("evaluate", PipelineTask.EVALUATE_MODELS, List.of("train_a", "train_b", "train_c", "train_d"), null, null, null, null));
    tasks.add(new PipelineTask("register", PipelineTask.REGISTER_MODELS, List.of("evaluate"), null, null, null, null));
    return tasks;
  }

  private PipelineRunProgress run(long pipelineRunId, List<PipelineTask> tasks, String historyName) {
    return run(new PipelineRunInput(pipelineRunId, 1, "f1", tasks), historyName);
  }

  private PipelineRunProgress run(PipelineRunInput input, String historyName) {
    long pipelineRunId = input.pipelineRunId();
    TrainingPipelineWorkflow workflow =
        client.newWorkflowStub(
            TrainingPipelineWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(PipelineRunInput.workflowId(pipelineRunId)).setTaskQueue(TaskQueues.ORCHESTRATION).build());
    PipelineRunProgress result = workflow.run(input);
    HistoryRecorder.record(client, PipelineRunInput.workflowId(pipelineRunId), historyName);
    return result;
  }

  private static Map<String, TaskReport> tasks(PipelineRunProgress p) {
    return p.tasks().stream().collect(Collectors.toMap(TaskReport::taskId, Function.identity()));
  }

  private static Map<String, ModelOutcome> models(PipelineRunProgress p) {
    return p.models().stream().collect(Collectors.toMap(ModelOutcome::mlModelName, Function.identity()));
  }

  @Test
  void shouldIsolateAFailedModelAndEndPartiallySucceeded() {
    activities.registry.put("model-d", 4);
    activities.registry.put("model-a", 1);
    ScriptedModelRun.SCRIPTS.put("model-a", new ScriptedModelRun.Script(List.of(), true, 2));
    ScriptedModelRun.SCRIPTS.put("model-c", new ScriptedModelRun.Script(List.of(), false, 0));
    ScriptedModelRun.SCRIPTS.put("model-d", new ScriptedModelRun.Script(List.of("cost_limit_exceeded"), true, 5));

    PipelineRunProgress result = run(1, f1(7, 1), "pipeline-partial-v1");

    assertThat(result.status()).isEqualTo(PipelineStatus.PARTIALLY_SUCCEEDED);
    Map<String, TaskReport> tasks = tasks(result);
    assertThat(tasks.get("train_d").status()).isEqualTo(TaskStatus.FAILED);
    assertThat(tasks.get("train_d").attempts()).as("cost_limit_exceeded is not retried").isEqualTo(1);
    assertThat(tasks.get("train_d").message()).contains("cost_limit_exceeded");
    assertThat(tasks.get("evaluate").models()).containsExactly("model-a", "model-b", "model-c");
    assertThat(tasks.get("evaluate").message()).isEqualTo("3 model(s) evaluated, blessed: model-a, model-b");
    assertThat(tasks.get("register").models()).containsExactly("model-a", "model-b", "model-c");
    assertThat(tasks.get("register").message()).isEqualTo("registered: model-a v2, model-b v1");
    Map<String, ModelOutcome> models = models(result);
    assertThat(models.get("model-c").registered()).as("not blessed: evaluated, not registered").isFalse();
    assertThat(models.get("model-c").evaluated()).isTrue();
    assertThat(models.get("model-d").evaluated()).isFalse();
    assertThat(models.get("model-d").registered()).isFalse();
    assertThat(models.get("model-d").servingVersion()).as("the previous version stays in service").isEqualTo(4);
    assertThat(result.message()).isEqualTo("6 of 7 tasks succeeded; failed: train_d");
  }

  @Test
  void shouldRunIndependentTrainingsInParallel() {
    PipelineRunProgress result = run(2, f1(7, 0), "pipeline-succeeded-v1");

    assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    List<TaskReport> trains = result.tasks().stream().filter(t -> t.kind().equals(PipelineTask.TRAIN)).toList();
    long lastStart = trains.stream().mapToLong(TaskReport::startedAtMillis).max().orElseThrow();
    long firstEnd = trains.stream().mapToLong(TaskReport::finishedAtMillis).min().orElseThrow();
    assertThat(lastStart).as("every training started before any ended").isLessThan(firstEnd);
    assertThat(tasks(result).get("register").startedAtMillis()).isGreaterThanOrEqualTo(tasks(result).get("evaluate").finishedAtMillis());
  }

  @Test
  void shouldRetryARetryableFailureAsANewRun() {
    ScriptedModelRun.SCRIPTS.put("model-b", new ScriptedModelRun.Script(List.of("worker_lost"), true, 1));

    PipelineRunProgress result = run(3, f1(7, 1), "pipeline-retried-v1");

    assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(tasks(result).get("train_b").attempts()).isEqualTo(2);
    assertThat(models(result).get("model-b").runId()).isNotEqualTo(models(result).get("model-a").runId());
  }

  @Test
  void shouldSkipEveryTrainingWhenValidationFails() {
    PipelineRunProgress result = run(4, f1(FakePipelineActivities.BROKEN_DATASET, 0), "pipeline-invalid-data-v1");

    assertThat(result.status()).isEqualTo(PipelineStatus.FAILED);
    Map<String, TaskReport> tasks = tasks(result);
    assertThat(tasks.get("validate").status()).isEqualTo(TaskStatus.FAILED);
    assertThat(tasks.get("validate").message()).contains("completeness of 'price'");
    for (String skipped : List.of("train_a", "train_b", "train_c", "train_d", "evaluate", "register")) {
      assertThat(tasks.get(skipped).status()).as(skipped).isEqualTo(TaskStatus.SKIPPED);
    }
    assertThat(tasks.get("train_a").message()).isEqualTo("dependency validate did not succeed");
    assertThat(result.models()).isEmpty();
  }

  /**
   * Tasks project from their own workflow threads, so projections may arrive out of order; each
   * carries a revision, the store keeps the highest, and the last projection is the final state.
   */
  @Test
  void shouldProjectTheFinalStateLastWithTheHighestRevision() {
    PipelineRunProgress result = run(5, f1(7, 0), "pipeline-projections-v1");

    List<Integer> revisions = activities.projections.stream().map(PipelineRunProgress::revision).toList();
    assertThat(revisions).doesNotHaveDuplicates();
    assertThat(revisions.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(result.revision());
    assertThat(activities.projections.get(activities.projections.size() - 1)).isEqualTo(result);
    assertThat(result.finishedAtMillis()).isNotNull();
  }

  /** check_drift -> train a, b -> evaluate -> register. */
  private static List<PipelineTask> gated(long datasetId) {
    return List.of(
        new PipelineTask("drift", PipelineTask.CHECK_DRIFT, List.of(), null, null, datasetId, null, new DriftGate(null, null)),
        new PipelineTask("train_a", PipelineTask.TRAIN, List.of("drift"), null, null, null, template("model-a")),
        new PipelineTask("train_b", PipelineTask.TRAIN, List.of("drift"), null, null, null, template("model-b")),
        new PipelineTask("evaluate", PipelineTask.EVALUATE_MODELS, List.of("train_a", "train_b"), null, null, null, null),
        new PipelineTask("register", PipelineTask.REGISTER_MODELS, List.of("evaluate"), null, null, null, null));
  }

  @Test
  void shouldSkipRetrainingWhenNoFeatureDrifted() {
    PipelineRunProgress result = run(6, gated(FakePipelineActivities.STABLE_DATASET), "pipeline-no-drift-v1");

    assertThat(result.status()).as("skips for want of drift are no failure").isEqualTo(PipelineStatus.SUCCEEDED);
    Map<String, TaskReport> tasks = tasks(result);
    assertThat(tasks.get("drift").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(tasks.get("train_a").status()).isEqualTo(TaskStatus.SKIPPED);
    assertThat(tasks.get("train_a").message()).isEqualTo("no drift above the thresholds in drift: retraining not needed");
    assertThat(tasks.get("evaluate").status()).isEqualTo(TaskStatus.SKIPPED);
    assertThat(tasks.get("register").status()).isEqualTo(TaskStatus.SKIPPED);
    assertThat(result.models()).isEmpty();
  }

  @Test
  void shouldRetrainWhenAFeatureDrifted() {
    PipelineRunProgress result = run(7, gated(7), "pipeline-drifted-v1");

    assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(tasks(result).get("drift").message()).isEqualTo("drift in price");
    assertThat(tasks(result).get("register").models()).containsExactly("model-a", "model-b");
  }

  @Test
  void shouldPostTheOutcomeToItsWebhook() {
    ScriptedModelRun.SCRIPTS.put("model-d", new ScriptedModelRun.Script(List.of("out_of_memory"), true, 1));
    PipelineRunInput input =
        new PipelineRunInput(8, 1, "f1", f1(7, 0), new Webhook("http://hooks.example/ok"), new Webhook("http://hooks.example/failed"));

    PipelineRunProgress result = run(input, "pipeline-webhook-v1");

    assertThat(activities.notifications).singleElement().satisfies(n -> {
      assertThat(n.url()).isEqualTo("http://hooks.example/failed");
      assertThat(n.event()).isEqualTo("pipeline_run.failed");
      assertThat(n.run().status()).isEqualTo(PipelineStatus.PARTIALLY_SUCCEEDED);
      assertThat(n.run().finishedAtMillis()).isNotNull();
    });
    assertThat(result.message()).doesNotContain("webhook");
  }

  @Test
  void shouldNoteAWebhookThatRefusedTheDelivery() {
    PipelineRunInput input = new PipelineRunInput(9, 1, "f1", f1(7, 0), new Webhook("http://hooks.example/refused"), null);

    PipelineRunProgress result = run(input, "pipeline-webhook-refused-v1");

    assertThat(result.status()).as("a webhook never changes the outcome").isEqualTo(PipelineStatus.SUCCEEDED);
    assertThat(result.message()).endsWith("; webhook pipeline_run.succeeded not delivered: webhook http://hooks.example/refused answered 404");
  }

  /** f1 with a notify task after the trainings that evaluation waits for, and one after registration. */
  private static List<PipelineTask> notifying(String afterTrainingUrl, String afterRegistrationUrl) {
    List<String> trains = List.of("train_a", "train_b", "train_c", "train_d");
    List<PipelineTask> tasks = new ArrayList<>(f1(7, 0));
    tasks.removeIf(t -> t.taskId().equals("evaluate") || t.taskId().equals("register"));
    tasks.add(new PipelineTask("tell_trained", PipelineTask.NOTIFY, trains, null, null, null, null, null, afterTrainingUrl));
    List<String> evaluateAfter = new ArrayList<>(trains);
    evaluateAfter.add("tell_trained");
    tasks.add(new PipelineTask("evaluate", PipelineTask.EVALUATE_MODELS, evaluateAfter, null, null, null, null));
    tasks.add(new PipelineTask("register", PipelineTask.REGISTER_MODELS, List.of("evaluate"), null, null, null, null));
    tasks.add(new PipelineTask("tell_registered", PipelineTask.NOTIFY, List.of("register"), null, null, null, null, null, afterRegistrationUrl));
    return tasks;
  }

  @Test
  void shouldPostTheReportSoFarOnceItsDependenciesEndedFailedOrNot() {
    ScriptedModelRun.SCRIPTS.put("model-c", new ScriptedModelRun.Script(List.of("invalid_config"), true, 1));

    PipelineRunProgress result = run(new PipelineRunInput(10, 1, "f1", notifying("http://hooks.example/trained", "http://hooks.example/registered")), "pipeline-notify-v1");

    assertThat(result.status()).isEqualTo(PipelineStatus.PARTIALLY_SUCCEEDED);
    assertThat(activities.notifications).hasSize(2);
    PipelineNotification trained = activities.notifications.get(0);
    assertThat(trained.url()).isEqualTo("http://hooks.example/trained");
    assertThat(trained.event()).isEqualTo(PipelineNotification.NOTIFY_EVENT);
    assertThat(trained.taskId()).isEqualTo("tell_trained");
    Map<String, TaskReport> sofar = tasks(trained.run());
    assertThat(sofar.get("train_c").status()).as("a failed dependency is reported, not a reason to stay silent").isEqualTo(TaskStatus.FAILED);
    assertThat(sofar.get("train_a").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(sofar.get("tell_trained").status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(sofar.get("evaluate").status()).isEqualTo(TaskStatus.PENDING);
    assertThat(trained.run().finishedAtMillis()).isNull();
    PipelineNotification registered = activities.notifications.get(1);
    assertThat(registered.taskId()).isEqualTo("tell_registered");
    assertThat(tasks(registered.run()).get("register").status()).isEqualTo(TaskStatus.SUCCEEDED);
    Map<String, TaskReport> tasks = tasks(result);
    assertThat(tasks.get("tell_trained").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(tasks.get("tell_trained").message()).isEqualTo("report posted to http://hooks.example/trained");
    assertThat(tasks.get("register").models()).containsExactly("model-a", "model-b", "model-d");
    assertThat(result.message()).isEqualTo("8 of 9 tasks succeeded; failed: train_c");
  }

  @Test
  void shouldFailOnlyTheNotifyTaskWhoseDeliveryFailed() {
    PipelineRunProgress result = run(new PipelineRunInput(11, 1, "f1", notifying("http://hooks.example/refused", "http://hooks.example/registered")), "pipeline-notify-refused-v1");

    Map<String, TaskReport> tasks = tasks(result);
    assertThat(tasks.get("tell_trained").status()).isEqualTo(TaskStatus.FAILED);
    assertThat(tasks.get("tell_trained").message()).isEqualTo("not delivered: webhook http://hooks.example/refused answered 404");
    assertThat(tasks.get("evaluate").status()).as("behind the failed task").isEqualTo(TaskStatus.SKIPPED);
    assertThat(tasks.get("evaluate").message()).isEqualTo("dependency tell_trained did not succeed");
    assertThat(tasks.get("register").status()).isEqualTo(TaskStatus.SKIPPED);
    assertThat(result.models()).hasSize(4).allSatisfy(m -> assertThat(m.trained()).as(m.mlModelName()).isTrue());
    assertThat(tasks.get("tell_registered").status()).as("a skipped dependency ended too").isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(activities.notifications).singleElement().satisfies(n -> assertThat(n.taskId()).isEqualTo("tell_registered"));
    assertThat(result.status()).isEqualTo(PipelineStatus.PARTIALLY_SUCCEEDED);
    assertThat(result.message()).isEqualTo("6 of 9 tasks succeeded; failed: tell_trained; skipped: evaluate, register");
  }
}
