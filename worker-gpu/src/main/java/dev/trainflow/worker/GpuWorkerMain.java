package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.workflows.PayloadConverters;
import dev.trainflow.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.TensorFlow;

/**
 * A standalone worker for the {@code gpu} task queue. Environment: {@code TEMPORAL_ADDRESS}
 * (default 127.0.0.1:7233), {@code TEMPORAL_NAMESPACE} (default {@code default}), {@code
 * ARTIFACT_ROOT} (a local folder, default ./data/artifacts); launch it with {@code
 * TF_CPU_ALLOCATOR_USE_BFC=true} for TensorFlow's pooling CPU allocator. Stops cleanly on SIGTERM: a running
 * training's next heartbeat reports the shutdown, and the trainer checkpoints before it exits.
 */
public final class GpuWorkerMain {
  private static final Logger log = LoggerFactory.getLogger(GpuWorkerMain.class);
  private static final int GPUS_LOGGED = 8;
  /** Read by TensorFlow's native code when it creates its CPU allocator, so only the launcher can set it. */
  private static final String POOLING_ALLOCATOR = "TF_CPU_ALLOCATOR_USE_BFC";

  private GpuWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    String address = env("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    String namespace = env("TEMPORAL_NAMESPACE", "default");
    Path artifactRoot = Path.of(env("ARTIFACT_ROOT", "./data/artifacts"));

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setDataConverter(PayloadConverters.dataConverter())
                .build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.GPU, GpuWorkerOptions.embedded());
    worker.registerActivitiesImplementations(
        new TrainingActivitiesImpl(new LocalArtifactStore(artifactRoot), new WorkflowEpochReporter(client)));

    if (!"true".equalsIgnoreCase(System.getenv(POOLING_ALLOCATOR))) {
      log.warn("{} is not true: large batches will spend about a third of each step in page faults", POOLING_ALLOCATOR);
    }
    int gpus = GpuDevices.visible(GPUS_LOGGED);
    log.info(
        "gpu worker {} on task queue '{}' of {} (namespace {}), artifacts in {}, TensorFlow {} with {}",
        client.getOptions().getIdentity(), TaskQueues.GPU, address, namespace, artifactRoot.toAbsolutePath(),
        TensorFlow.version(), gpus == 0 ? "no GPU: CPU training only" : gpus + " GPU(s)");

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping the gpu worker");
                  factory.shutdown();
                  factory.awaitTermination(30, TimeUnit.SECONDS);
                  service.shutdown();
                  stopped.countDown();
                },
                "gpu-worker-shutdown"));
    factory.start();
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
