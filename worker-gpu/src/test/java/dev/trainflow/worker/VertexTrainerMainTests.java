package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.vertex.TrainerFailure;
import dev.trainflow.activities.vertex.VertexJson;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer of a Vertex AI job, run in-process on a local store with real TensorFlow training. */
class VertexTrainerMainTests {
  @TempDir static Path root;
  static LocalArtifactStore store;
  static RetrievalFixture fixture;

  @BeforeAll
  static void writeFixture() {
    store = new LocalArtifactStore(root);
    fixture = RetrievalFixture.write(store, "datasets/b2b", 300, 200, 15_000, 7);
  }

  private static String[] args(String folder) {
    return new String[] {
      "--request", folder + "/request.json", "--result", folder + "/result.json",
      "--progress", folder + "/progress.json", "--failure", folder + "/failure.json", "--epochs", folder + "/epochs.json"
    };
  }

  @Test
  void shouldTrainTheRequestAndWriteItsResultAndProgress() {
    TrainingRequest request = TestRuns.request(TestRuns.run(61, TestRuns.params(2, 256, "adagrad", 0.1, 42, 1)), fixture, null);
    store.write("runs/61/vertex/attempt-1/request.json", VertexJson.write(request));

    int code = VertexTrainerMain.run(store, args("runs/61/vertex/attempt-1"), () -> false, System::currentTimeMillis);

    assertThat(code).isZero();
    TrainingResult result = VertexJson.read(store.read(store.uriOf("runs/61/vertex/attempt-1/result.json")), TrainingResult.class);
    assertThat(result.epochsCompleted()).isEqualTo(2);
    assertThat(result.savedModelUri()).isNotNull();
    assertThat(store.exists(result.savedModelUri())).isTrue();
    TrainingHeartbeat progress = VertexJson.read(store.read(store.uriOf("runs/61/vertex/attempt-1/progress.json")), TrainingHeartbeat.class);
    assertThat(progress.lastCheckpointUri()).contains("runs/61/checkpoints/epoch-");
    assertThat(store.exists(store.uriOf("runs/61/vertex/attempt-1/failure.json"))).isFalse();
    EpochMetrics[] epochs = VertexJson.read(store.read(store.uriOf("runs/61/vertex/attempt-1/epochs.json")), EpochMetrics[].class);
    assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    assertThat(epochs[1]).isEqualTo(result.lastEpoch());
  }

  @Test
  void shouldCheckpointAndReportPreemptionOnSigterm() {
    TrainingRequest request = TestRuns.request(TestRuns.run(62, TestRuns.params(200, 256, "adagrad", 0.1, 42, 1000)), fixture, null);
    store.write("runs/62/vertex/attempt-1/request.json", VertexJson.write(request));
    AtomicBoolean sigterm = new AtomicBoolean();
    int[] beats = {0};

    // "SIGTERM" arrives after a few steps
    int code =
        VertexTrainerMain.run(store, args("runs/62/vertex/attempt-1"), () -> ++beats[0] > 5 || sigterm.get(), System::currentTimeMillis);

    assertThat(code).isEqualTo(1);
    TrainerFailure failure = VertexJson.read(store.read(store.uriOf("runs/62/vertex/attempt-1/failure.json")), TrainerFailure.class);
    assertThat(failure.type()).isEqualTo("preempted");
    assertThat(failure.message()).contains("SIGTERM");
    assertThat(failure.heartbeat().lastCheckpointUri()).contains("runs/62/checkpoints/");
    assertThat(store.exists(failure.heartbeat().lastCheckpointUri())).isTrue();
    assertThat(store.exists(store.uriOf("runs/62/vertex/attempt-1/result.json"))).isFalse();
  }

  @Test
  void shouldNameAMissingArgument() {
    assertThatThrownBy(() -> VertexTrainerMain.arguments(new String[] {"--request", "gs://b/r.json"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--result is required");
  }
}
