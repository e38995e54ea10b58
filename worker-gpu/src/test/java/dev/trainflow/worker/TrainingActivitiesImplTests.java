package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    assertThat(last.validationLoss()).isLessThan(first.validationLoss());
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
    System.out.println("fixture metrics: " + reporter.epochs);
  }
}
