package dev.trainflow.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.PayloadConverters;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded histories of real runs against the current workflow code: a change that would
 * break running workflows (a non-deterministic edit without {@code Workflow.getVersion}) fails
 * here. Histories live in {@code src/test/resources/histories}; re-record them with {@code
 * -Dtrainflow.recordHistories=<folder>} only when adding a new one, never to make this pass.
 */
class TrainingRunWorkflowReplayTests {

  static List<Path> histories() throws IOException, URISyntaxException {
    Path folder = Path.of(TrainingRunWorkflowReplayTests.class.getResource("/histories").toURI());
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
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationTypes(TrainingRunWorkflowImpl.class);
      worker.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)));
    }
  }

  @org.junit.jupiter.api.Test
  void shouldHaveHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(4);
  }
}
