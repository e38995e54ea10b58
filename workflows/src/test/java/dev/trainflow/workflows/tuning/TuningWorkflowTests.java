package dev.trainflow.workflows.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.PayloadConverters;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.activities.TrialRunRequest;
import dev.trainflow.workflows.run.HistoryRecorder;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tuning workflow on Temporal's test environment, skipping time, with {@link FakeTrialRun}s as
 * trials: a known smooth metric of {@code learning_rate} and {@code max_depth}, three folds
 * reported to the job as steps, cancellation honoured.
 */
class TuningWorkflowTests {
  private static final Map<String, Object> BASE_PARAMS = Map.of("learning_rate", 0.3, "max_depth", 3);
  private static final double BASE_VALUE = FakeTrialRun.rocAuc(0.3, 3);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private FakeTuningRecords records;
  private WorkerFactory restartedWorkers;

  @BeforeEach
  void setUp() {
    FakeTrialRun.SPANS.clear();
    records = new FakeTuningRecords();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(PayloadConverters.dataConverter()).build())
                .build());
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    if (restartedWorkers != null) {
      restartedWorkers.shutdownNow();
    }
    env.close();
  }

  @Test
  void shouldRunTwelveTrialsThreeAtATimeAndFindParametersAtLeastAsGoodAsTheBase() {
    startWorkers();
    TuningProgress result = run(1, spec(TuningSpec.TPE, null, 7), "tuning-tpe-completed-v1");

    assertThat(result.status()).isEqualTo(TuningJobStatus.COMPLETED);
    assertThat(result.trials()).hasSize(12);
    assertThat(result.trials()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    assertThat(maxConcurrency(1)).as("never more than parallelism, and parallelism reached").isEqualTo(3);
    assertThat(result.bestValue()).isGreaterThanOrEqualTo(BASE_VALUE);
    TrialRecord best = result.trials().get(result.bestTrial() - 1);
    assertThat(best.objectiveValue()).isEqualTo(result.bestValue());
    assertThat(result.trials()).allSatisfy(t -> assertThat(t.objectiveValue()).isLessThanOrEqualTo(result.bestValue()));
    assertThat(best.metrics()).containsKeys("roc_auc", "cv_roc_auc", "accuracy");
    for (TrialRecord t : result.trials()) {
      assertThat((Double) t.params().get("learning_rate")).isBetween(0.001, 1.0);
      assertThat((Integer) t.params().get("max_depth")).isBetween(2, 12);
      assertThat(t.lastStep()).isEqualTo(FakeTrialRun.FOLDS);
      // the trial's run trains with the trial's params over the base template's others
      TrialRunRequest request = records.created.get(1000L + t.trialNumber());
      assertThat(request.template().trainingParams().learningRate()).isEqualTo(t.params().get("learning_rate"));
      assertThat(request.template().trainingParams().maxDepth()).isEqualTo(t.params().get("max_depth"));
      assertThat(request.template().trainingParams().numTrees()).isEqualTo(50);
      assertThat(request.template().evaluatorConfig().pushAnywayTimeoutHours()).as("a trial never waits for a push").isZero();
      assertThat(t.objectiveValue()).isCloseTo(
          FakeTrialRun.rocAuc((Double) t.params().get("learning_rate"), (Integer) t.params().get("max_depth")), org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(records.latest()).isEqualTo(result);
  }

  @Test
  void shouldSuggestTheSameTrialsForTheSameSeed() {
    startWorkers();
    List<Map<String, Object>> first = params(run(2, spec(TuningSpec.TPE, null, 11), null));
    List<Map<String, Object>> again = params(run(3, spec(TuningSpec.TPE, null, 11), null));
    List<Map<String, Object>> otherSeed = params(run(4, spec(TuningSpec.TPE, null, 12), null));

    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void shouldFindWithTpeAtLeastTheMedianOfRandomSearch() {
    startWorkers();
    TuningProgress random = run(5, spec(TuningSpec.RANDOM, null, 3), null);
    TuningProgress tpe = run(6, spec(TuningSpec.TPE, null, 3), null);

    List<Double> randomValues = random.trials().stream().map(TrialRecord::objectiveValue).sorted().toList();
    double median = (randomValues.get(5) + randomValues.get(6)) / 2;
    assertThat(tpe.bestValue()).isGreaterThanOrEqualTo(median);
    assertThat(tpe.bestValue()).isGreaterThanOrEqualTo(random.bestValue());
  }

  @Test
  void shouldCancelTrialsBelowTheirRungBySuccessiveHalving() {
    startWorkers();
    TuningProgress result =
        run(7, spec(TuningSpec.RANDOM, new TrialEarlyStopping(TrialEarlyStopping.SUCCESSIVE_HALVING, 3, 1), 5), "tuning-successive-halving-v1");

    assertThat(result.status()).isEqualTo(TuningJobStatus.COMPLETED);
    assertThat(result.trials()).hasSize(12);
    List<TrialRecord> stopped = result.trials().stream().filter(t -> t.status() == TrialStatus.STOPPED_EARLY).toList();
    assertThat(stopped).isNotEmpty();
    for (TrialRecord t : stopped) {
      assertThat(t.lastStep()).as("stopped at a rung before the last fold").isLessThan(FakeTrialRun.FOLDS);
      assertThat(t.metrics()).containsKey("roc_auc");
      assertThat(t.objectiveValue()).isNull();
      assertThat(FakeTrialRun.SPANS.get(t.runId()).status()).as("its run was cancelled").isEqualTo(RunStatus.CANCELLED);
      // it was below the top third of the trials that had reached its rung
      double value = FakeTrialRun.rocAuc((Double) t.params().get("learning_rate"), (Integer) t.params().get("max_depth"));
      assertThat(value).isLessThan(result.bestValue());
    }
    TrialRecord best = result.trials().get(result.bestTrial() - 1);
    assertThat(best.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(maxConcurrency(7)).isLessThanOrEqualTo(3);
  }

  @Test
  void shouldCompleteAllTwelveTrialsAfterAWorkerRestartInTheMiddle() {
    WorkerFactory first = startWorkerFactory();
    TuningWorkflow job = stub(8);
    WorkflowClient.start(job::run, input(8, spec(TuningSpec.TPE, null, 21)));
    env.sleep(Duration.ofMinutes(7));
    TuningProgress before = records.latest();
    long endedBefore = before.trials().stream().filter(t -> t.status() != TrialStatus.RUNNING).count();
    assertThat(endedBefore).as("some trials ended before the restart").isPositive();
    assertThat(endedBefore).as("and some were still to come").isLessThan(12);

    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);
    restartedWorkers = startWorkerFactory();

    TuningProgress result = WorkflowStub.fromTyped(job).getResult(TuningProgress.class);
    HistoryRecorder.record(client, TuningJobInput.workflowId(8), "tuning-worker-restart-v1");
    assertThat(result.status()).isEqualTo(TuningJobStatus.COMPLETED);
    assertThat(result.trials()).hasSize(12);
    assertThat(result.trials()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    assertThat(records.created).as("one run per trial, none created twice").hasSize(12);
    assertThat(result.bestValue()).isGreaterThanOrEqualTo(BASE_VALUE);
    assertThat(maxConcurrency(8)).isEqualTo(3);
  }

  @Test
  void shouldCountAFailedTrialAndGoOn() {
    startWorkers();
    TuningSpec failing =
        new TuningSpec(
            Map.of("learning_rate", ParameterRange.choice(List.of(0.05, 0.2, 50.0)), "max_depth", ParameterRange.integer(2, 12)),
            new TuningObjective("roc_auc", TuningObjective.MAXIMIZE), 12, 3, TuningSpec.RANDOM, null, 9, null, null);
    TuningProgress result = run(9, failing, "tuning-failed-trials-v1");

    assertThat(result.status()).isEqualTo(TuningJobStatus.COMPLETED);
    assertThat(result.trials()).hasSize(12);
    List<TrialRecord> failed = result.trials().stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
    assertThat(failed).isNotEmpty().allSatisfy(t -> {
      assertThat(t.params().get("learning_rate")).isEqualTo(50.0);
      assertThat(t.error()).contains("loss diverged");
    });
    assertThat(result.trials().get(result.bestTrial() - 1).status()).isEqualTo(TrialStatus.COMPLETED);
  }

  @Test
  void shouldCancelRunningTrialsAndStartNoMoreWhenTheJobIsCancelled() {
    startWorkers();
    TuningWorkflow job = stub(10);
    WorkflowClient.start(job::run, input(10, spec(TuningSpec.RANDOM, null, 4)));
    env.sleep(Duration.ofSeconds(90));
    job.cancel("enough");

    TuningProgress result = WorkflowStub.fromTyped(job).getResult(TuningProgress.class);
    assertThat(result.status()).isEqualTo(TuningJobStatus.CANCELLED);
    assertThat(result.error()).isEqualTo("enough");
    assertThat(result.trials()).hasSize(3);
    assertThat(result.trials()).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TrialStatus.CANCELLED);
      assertThat(FakeTrialRun.SPANS.get(t.runId()).status()).isEqualTo(RunStatus.CANCELLED);
    });
    assertThat(records.latest().status()).isEqualTo(TuningJobStatus.CANCELLED);
  }

  // ---- helpers --------------------------------------------------------------------------------

  static RunTemplate template() {
    TrainingParams base = TrainingParamOverrides.apply(TrainingParams.empty(), Map.of("learning_rate", 0.3, "max_depth", 3, "num_trees", 50));
    return new RunTemplate("churn-xgb", "classification", null, 1, 1, 1, base, null, new EvaluatorConfig("roc_auc", 0.0, 24.0), null);
  }

  static TuningSpec spec(String algorithm, TrialEarlyStopping earlyStopping, long seed) {
    return new TuningSpec(
        Map.of("learning_rate", ParameterRange.logUniform(0.001, 1.0), "max_depth", ParameterRange.integer(2, 12)),
        new TuningObjective("roc_auc", TuningObjective.MAXIMIZE), 12, 3, algorithm, earlyStopping, seed, null, null);
  }

  private static TuningJobInput input(long jobId, TuningSpec spec) {
    return new TuningJobInput(jobId, "churn-tuning", template(), spec);
  }

  private TuningProgress run(long jobId, TuningSpec spec, String historyName) {
    TuningProgress result = stub(jobId).run(input(jobId, spec));
    if (historyName != null) {
      HistoryRecorder.record(client, TuningJobInput.workflowId(jobId), historyName);
    }
    return result;
  }

  private TuningWorkflow stub(long jobId) {
    return client.newWorkflowStub(
        TuningWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(TuningJobInput.workflowId(jobId)).setTaskQueue(TaskQueues.ORCHESTRATION).build());
  }

  private static List<Map<String, Object>> params(TuningProgress p) {
    return p.trials().stream().map(TrialRecord::params).toList();
  }

  /** The most runs of this job that were going at one time, from the runs' own start and end times. */
  private static int maxConcurrency(long jobId) {
    List<FakeTrialRun.Span> spans = new ArrayList<>();
    FakeTrialRun.SPANS.forEach((runId, span) -> {
      if (runId / 1000 == jobId) {
        spans.add(span);
      }
    });
    int max = 0;
    for (FakeTrialRun.Span s : spans) {
      long t = s.startMillis();
      int going = (int) spans.stream().filter(o -> o.startMillis() <= t && t < o.endMillis()).count();
      max = Math.max(max, going);
    }
    return max;
  }

  private static WorkerOptions workerOptions() {
    // no sticky queue: a workflow cached by a stopped worker must move to the next one at once
    return WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .setDefaultDeadlockDetectionTimeout(5_000)
        .build();
  }

  private void startWorkers() {
    Worker worker = env.newWorker(TaskQueues.ORCHESTRATION, workerOptions());
    worker.registerWorkflowImplementationTypes(TuningWorkflowImpl.class, FakeTrialRun.class);
    worker.registerActivitiesImplementations(records);
    env.start();
  }

  /** Workers this test can stop, as a process restart would. */
  private WorkerFactory startWorkerFactory() {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.ORCHESTRATION, workerOptions());
    worker.registerWorkflowImplementationTypes(TuningWorkflowImpl.class, FakeTrialRun.class);
    worker.registerActivitiesImplementations(records);
    factory.start();
    return factory;
  }
}
