package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone worker, in its own JVM, serving the gpu queue of a port-bound Temporal server. */
class GpuWorkerMainTests {
  @TempDir Path artifacts;

  @Test
  void shouldTrainFromTheGpuQueueReportEpochsAndStopOnSigterm() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    RetrievalFixture fixture = RetrievalFixture.write(store, "datasets/b2b", 100, 50, 3_000, 3);
    int port = freePort();
    try (var server = TestServer.createPortBoundServer(port, true)) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      WorkflowClient client = WorkflowClient.newInstance(service);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      factory.newWorker(TaskQueues.ORCHESTRATION, GpuWorkerOptions.embedded()).registerWorkflowImplementationTypes(TrainOnceWorkflowImpl.class);
      factory.start();
      int metricsPort = freePort();
      Process worker = startWorker(port, metricsPort);
      List<String> output = new CopyOnWriteArrayList<>();
      CountDownLatch ready = new CountDownLatch(1);
      CountDownLatch stopping = new CountDownLatch(1);
      Thread reader = readLines(worker, output, ready, stopping);
      try {
        assertThat(ready.await(2, TimeUnit.MINUTES)).as("worker started: %s", output).isTrue();
        TrainingRequest request =
            TestRuns.request(TestRuns.run(90, TestRuns.params(2, 256, "adagrad", 0.1, 1, 1)), fixture, null);
        TrainOnceWorkflow workflow =
            client.newWorkflowStub(
                TrainOnceWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(request.workflowId()).setTaskQueue(TaskQueues.ORCHESTRATION).build());

        List<EpochMetrics> epochs = workflow.train(request);

        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(Files.exists(artifacts.resolve("runs/90/model/model.json"))).isTrue();
        assertMetricsAndHealthServed(metricsPort);
        String stageLog = Files.readString(artifacts.resolve("runs/90/logs/train-attempt-1.jsonl"));
        assertThat(stageLog).contains("stage train attempt 1 started").contains("finished in");
        assertThat(output).as("JSON lines with the run's MDC")
            .anyMatch(line -> line.startsWith("{") && line.contains("\"run_id\":\"90\"") && line.contains("\"stage\":\"train\""));
        // SIGTERM through the handle: Process.destroy() would also close the output we still read
        worker.toHandle().destroy();
        assertThat(worker.waitFor(1, TimeUnit.MINUTES)).isTrue();
        // the output ends when the process does: read it all before looking for the shutdown line
        reader.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(stopping.getCount()).as("shutdown logged: %s", output).isZero();
        assertThat(String.join("\n", output)).contains("task queue(s) 'gpu'").contains("no GPU: CPU training only");
      } finally {
        worker.destroyForcibly();
        reader.join(10_000);
        factory.shutdownNow();
        service.shutdownNow();
      }
    }
  }

  /** The worker's own endpoint: its training moved the trainer's counter, the SDK's meters are there. */
  private static void assertMetricsAndHealthServed(int metricsPort) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String metrics =
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher checkpoints = Pattern.compile("(?m)^trainflow_training_checkpoints_saved_total ([0-9.]+)").matcher(metrics);
    assertThat(checkpoints.find()).as(metrics).isTrue();
    assertThat(Double.parseDouble(checkpoints.group(1))).isPositive();
    assertThat(metrics).contains("temporal_").contains("jvm_memory_used_bytes");
    HttpResponse<String> health =
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
  }

  private Process startWorker(int port, int metricsPort) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            GpuWorkerMain.class.getName());
    builder.environment().put("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    builder.environment().put("ARTIFACT_ROOT", artifacts.toString());
    builder.environment().put("METRICS_PORT", Integer.toString(metricsPort));
    builder.environment().remove("LOG_FORMAT");
    builder.redirectErrorStream(true);
    return builder.start();
  }

  private static Thread readLines(Process process, List<String> output, CountDownLatch ready, CountDownLatch stopping) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.add(line);
                  if (line.contains("gpu worker")) {
                    ready.countDown();
                  }
                  if (line.contains("stopping the gpu worker")) {
                    stopping.countDown();
                  }
                }
              } catch (IOException e) {
                output.add("reader: " + e);
              }
            },
            "gpu-worker-output");
    reader.start();
    return reader;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
