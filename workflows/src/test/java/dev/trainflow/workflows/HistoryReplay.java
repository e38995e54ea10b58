package dev.trainflow.workflows;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Recorded workflow histories (JSON, gzipped or not) and their replay against the current code. */
public final class HistoryReplay {
  private HistoryReplay() {}

  /** The histories in a test-resource folder ({@code /histories}), by name. */
  public static List<Path> histories(String resourceFolder) throws IOException, URISyntaxException {
    Path folder = Path.of(HistoryReplay.class.getResource(resourceFolder).toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".json.gz")).sorted().toList();
    }
  }

  /** Replays one history on a worker that knows {@code workflowImplementation}; throws on non-determinism. */
  public static void replay(Path history, Class<?> workflowImplementation) throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(PayloadConverters.dataConverter()).build())
                .build())) {
      // the first replay loads the workflow's classes: more than the 1 s default on a busy machine
      Worker worker = env.newWorker("replay", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(5_000).build());
      worker.registerWorkflowImplementationTypes(workflowImplementation);
      worker.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(read(history)));
    }
  }

  private static String read(Path history) throws IOException {
    if (!history.toString().endsWith(".gz")) {
      return Files.readString(history);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(history))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
