package dev.trainflow.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.PayloadConverters;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded pipeline histories (partial success, all succeeded, a retried training, failed
 * validation, drift gates with and without drift, webhooks delivered and refused, notify tasks delivered and refused) against the current workflow code. Recorded by {@link TrainingPipelineWorkflowTests}
 * with {@code -Dtrainflow.recordHistories=<src/test/resources/pipeline-histories>}; record a new
 * one only to add a path, never to make this pass.
 */
class TrainingPipelineWorkflowReplayTests {

  static List<Path> histories() throws IOException, URISyntaxException {
    Path folder = Path.of(TrainingPipelineWorkflowReplayTests.class.getResource("/pipeline-histories").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void shouldReplayRecordedHistory(Path history) throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(PayloadConverters.dataConverter()).build())
                .build())) {
      // the first replay loads the workflow's classes: more than the 1 s default on a busy machine
      Worker worker = env.newWorker("replay", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(5_000).build());
      worker.registerWorkflowImplementationTypes(TrainingPipelineWorkflowImpl.class);
      worker.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)));
    }
  }

  @Test
  void shouldHaveHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(11);
  }
}
