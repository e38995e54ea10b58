package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.worker.artifacts.TrainingCheckpoint;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingActivitiesImplTests {
  @TempDir static Path root;
  static LocalArtifactStore store;
  static RetrievalFixture fixture;

  TestActivityEnvironment environment;
  CollectingEpochReporter reporter;
  TrainingActivities activities;

  @BeforeAll
  static void writeFixture() {
    store = new LocalArtifactStore(root);
    fixture = RetrievalFixture.write(store, "datasets/b2b", 300, 200, 15_000, 7);
  }

  @BeforeEach
  void startEnvironment() {
    environment = TestActivityEnvironment.newInstance();
    reporter = new CollectingEpochReporter();
    environment.registerActivitiesImplementations(new TrainingActivitiesImpl(store, reporter));
    activities =
        environment.newActivityStub(
            TrainingActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(Duration.ofMinutes(1))
                .build());
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  @Test
  void shouldLearnTheFixtureFarBetterThanRandom() {
    TrainingRequest request = TestRuns.request(TestRuns.run(1, TestRuns.params(3, 256, "adagrad", 0.1, 42, 2)), fixture, null);

    TrainingResult result = activities.train(request);

    assertThat(reporter.epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(reporter.workflowIds).containsOnly("training-run-1");
    EpochMetrics first = reporter.epochs.get(0);
    EpochMetrics last = reporter.epochs.get(2);
    assertThat(last.trainLoss()).isLessThan(first.trainLoss());
    // chance level of the in-batch softmax is ln(batch size)
    assertThat(last.validationLoss()).isLessThan(Math.log(256) - 1.0);
    double random = 100.0 / fixture.candidates();
    assertThat(last.recallAt100()).isGreaterThan(random + 0.25);
    assertThat(last.recallAt10()).isGreaterThan(3 * 10.0 / fixture.candidates());
    assertThat(last.learningRate()).isEqualTo(0.1);
    assertThat(last.examplesPerSecond()).isPositive();
    assertThat(result.epochsCompleted()).isEqualTo(3);
    assertThat(result.lastEpoch()).isEqualTo(last);
    assertThat(result.modelUri()).startsWith("file:").contains("runs/1/model");
    assertThat(Files.exists(root.resolve("runs/1/model/model.json"))).isTrue();
    assertThat(Files.exists(root.resolve("runs/1/model/weights.bin"))).isTrue();
    assertThat(Files.exists(root.resolve("runs/1/checkpoints/epoch-2/checkpoint.json"))).isTrue();
    assertThat(result.lastCheckpointUri()).contains("runs/1/checkpoints/epoch-3");
  }

  @Test
  void shouldGiveTheSameMetricsForTheSameSeed() {
    EpochMetrics first = activities.train(TestRuns.request(TestRuns.run(10, TestRuns.params(2, 512, "adagrad", 0.1, 5, 10)), fixture, null)).lastEpoch();
    EpochMetrics again = activities.train(TestRuns.request(TestRuns.run(11, TestRuns.params(2, 512, "adagrad", 0.1, 5, 10)), fixture, null)).lastEpoch();
    EpochMetrics otherSeed = activities.train(TestRuns.request(TestRuns.run(12, TestRuns.params(2, 512, "adagrad", 0.1, 6, 10)), fixture, null)).lastEpoch();

    assertSameQuality(again, first, 1e-6);
    assertThat(otherSeed.trainLoss()).isNotCloseTo(first.trainLoss(), within(1e-6));
  }

  @Test
  void shouldResumeFromACheckpointAsIfNeverStopped() {
    TrainingResult straight = activities.train(TestRuns.request(TestRuns.run(20, TestRuns.params(4, 512, "adam", 0.01, 3, 10)), fixture, null));
    TrainingResult firstHalf = activities.train(TestRuns.request(TestRuns.run(21, TestRuns.params(2, 512, "adam", 0.01, 3, 10)), fixture, null));
    assertThat(firstHalf.lastCheckpointUri()).contains("runs/21/checkpoints/epoch-2");
    reporter.epochs.clear();

    TrainingResult resumed =
        activities.train(
            TestRuns.request(TestRuns.run(21, TestRuns.params(4, 512, "adam", 0.01, 3, 10)), fixture, firstHalf.lastCheckpointUri()));

    assertThat(reporter.epochs).extracting(EpochMetrics::epoch).containsExactly(3, 4);
    assertThat(resumed.epochsCompleted()).isEqualTo(4);
    assertSameQuality(resumed.lastEpoch(), straight.lastEpoch(), 1e-5);
  }

  @Test
  void shouldResumeFromTheCheckpointThePreviousAttemptHeartbeated() {
    TrainingResult firstAttempt = activities.train(TestRuns.request(TestRuns.run(22, TestRuns.params(2, 512, "adagrad", 0.1, 3, 1)), fixture, null));
    reporter.epochs.clear();
    environment.setHeartbeatDetails(new TrainingHeartbeat(3, 4, firstAttempt.lastCheckpointUri()));

    TrainingResult retried = activities.train(TestRuns.request(TestRuns.run(22, TestRuns.params(3, 512, "adagrad", 0.1, 3, 1)), fixture, null));

    assertThat(reporter.epochs).extracting(EpochMetrics::epoch).containsExactly(3);
    assertThat(retried.lastCheckpointUri()).contains("runs/22/checkpoints/epoch-3");
  }

  @Test
  void shouldCheckpointAndStopWhenCancelledThenResumeFromThatCheckpoint() throws Exception {
    TestActivityEnvironment cancellable = TestActivityEnvironment.newInstance();
    try {
      // a short heartbeat timeout lets heartbeats, and so the cancellation, through within a second
      cancellable.registerActivitiesImplementations(
          new TrainingActivitiesImpl(store, (workflowId, metrics) -> {
            reporter.report(workflowId, metrics);
            cancellable.requestCancelActivity();
          }));
      TrainingActivities stub =
          cancellable.newActivityStub(
              TrainingActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(10)).setHeartbeatTimeout(Duration.ofSeconds(1)).build());
      int epochs = 500;
      TrainingRequest request = TestRuns.request(TestRuns.run(40, TestRuns.params(epochs, 512, "adagrad", 0.1, 3, 1000)), fixture, null);

      // the answer to a cancellation carries the checkpoint, so a retry of the run can resume there
      ApplicationFailure stopped =
          (ApplicationFailure) catchThrowableOfType(() -> stub.train(request), ActivityFailure.class).getCause();
      assertThat(stopped.getType()).isEqualTo("cancelled");
      TrainingHeartbeat last = stopped.getDetails().get(TrainingHeartbeat.class);
      assertThat(last.lastCheckpointUri()).contains("/checkpoints/epoch-");

      assertThat(reporter.epochs).isNotEmpty().hasSizeLessThan(epochs);
      Path checkpoints = root.resolve("runs/40/checkpoints");
      List<Path> written;
      try (var folders = Files.list(checkpoints)) {
        written = folders.toList();
      }
      assertThat(written).hasSize(1);
      TrainingCheckpoint checkpoint =
          JsonCodec.fromBytes(Files.readAllBytes(written.get(0).resolve("checkpoint.json")), TrainingCheckpoint.class);
      assertThat(checkpoint.completedEpochs()).isEqualTo(reporter.epochs.size());
      assertThat(checkpoint.lastEpoch()).isEqualTo(reporter.epochs.get(reporter.epochs.size() - 1));

      reporter.epochs.clear();
      int next = checkpoint.completedEpochs() + 1;
      TrainingResult resumed =
          activities.train(
              TestRuns.request(TestRuns.run(40, TestRuns.params(next, 512, "adagrad", 0.1, 3, 1000)), fixture, written.get(0).toUri().toString()));
      assertThat(reporter.epochs).extracting(EpochMetrics::epoch).containsExactly(next);
      assertThat(resumed.epochsCompleted()).isEqualTo(next);
    } finally {
      cancellable.close();
    }
  }

  @Test
  void shouldFailGpuUnavailableBeforeReadingDataWhenAGpuIsRequested() {
    var run =
        TestRuns.run(30, TestRuns.model(false), TestRuns.params(1, 512, "adagrad", 0.1, 1, 1),
            new GpuConfig("NVIDIA_TESLA_T4", 1, "n1-standard-8", false, false, null), EvaluatorConfig.empty());
    var noData =
        new ExamplesResult("none", 0, 0, List.of(), missing("train"), missing("validation"), missing("test"), missing("candidates"));

    assertThatThrownBy(() -> activities.train(new TrainingRequest("training-run-30", run, noData, fixture.transform(), null)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("gpu_unavailable");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("1 x NVIDIA_TESLA_T4").contains("sees no GPU");
            });
    assertThat(reporter.epochs).isEmpty();
  }

  @Test
  void shouldFailDataValidationNamingTheSplitWhenTheTrainSplitIsEmpty() {
    String emptyUri = store.write("datasets/empty/train.csv", String.join(",", RetrievalFixture.HEADER).concat("\n").getBytes());
    ExamplesResult examples = fixture.examples();
    var emptyTrain =
        new ExamplesResult(examples.datasetChecksum(), 0, 0, examples.columns(), new SplitInfo("train", emptyUri, 0, "x"),
            examples.validation(), examples.test(), examples.candidates());
    var request = new TrainingRequest("training-run-31", TestRuns.run(31, TestRuns.params(1, 512, "adagrad", 0.1, 1, 1)), emptyTrain, fixture.transform(), null);

    assertThatThrownBy(() -> activities.train(request))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("data_validation");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("train split").contains("no rows");
            });
  }

  @Test
  void shouldFailDataValidationNamingTheColumnWhenASplitLacksAFeatureColumn() {
    String uri = store.write("datasets/narrow/train.csv", "customer_id,product_id\nc0001,p001\n".getBytes());
    ExamplesResult examples = fixture.examples();
    var narrow =
        new ExamplesResult(examples.datasetChecksum(), 1, 1, examples.columns(), new SplitInfo("train", uri, 1, "x"),
            examples.validation(), examples.test(), examples.candidates());
    var request = new TrainingRequest("training-run-32", TestRuns.run(32, TestRuns.params(1, 512, "adagrad", 0.1, 1, 1)), narrow, fixture.transform(), null);

    assertThatThrownBy(() -> activities.train(request))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("data_validation");
              assertThat(failure.getOriginalMessage()).contains("train split").contains("'city'");
            });
  }

  private static SplitInfo missing(String name) {
    return new SplitInfo(name, root.resolve("nowhere/" + name + ".csv").toUri().toString(), 0, "none");
  }

  private static void assertSameQuality(EpochMetrics actual, EpochMetrics expected, double tolerance) {
    assertThat(actual.epoch()).isEqualTo(expected.epoch());
    assertThat(actual.trainLoss()).isCloseTo(expected.trainLoss(), within(tolerance));
    assertThat(actual.validationLoss()).isCloseTo(expected.validationLoss(), within(tolerance));
    assertThat(actual.recallAt5()).isCloseTo(expected.recallAt5(), within(tolerance));
    assertThat(actual.recallAt10()).isCloseTo(expected.recallAt10(), within(tolerance));
    assertThat(actual.recallAt50()).isCloseTo(expected.recallAt50(), within(tolerance));
    assertThat(actual.recallAt100()).isCloseTo(expected.recallAt100(), within(tolerance));
  }
}
