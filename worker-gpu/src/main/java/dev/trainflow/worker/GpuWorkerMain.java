package dev.trainflow.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.artifacts.ArtifactStores;
import dev.trainflow.activities.logs.RunLogInterceptor;
import dev.trainflow.activities.logs.RunLogWriter;
import dev.trainflow.worker.metrics.TrainerMeters;
import dev.trainflow.worker.metrics.WorkerMetricsServer;
import dev.trainflow.workflows.PayloadConverters;
import dev.trainflow.workflows.TaskQueues;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.TensorFlow;

/**
 * A standalone worker for the {@code gpu} task queue. Environment: {@code TEMPORAL_ADDRESS}
 * (default 127.0.0.1:7233), {@code TEMPORAL_NAMESPACE} (default {@code default}), {@code
 * ARTIFACT_ROOT} (a local folder, default ./data/artifacts, or gs://bucket/prefix; {@code GCS_ENDPOINT}
 * for a Cloud Storage emulator), {@code METRICS_PORT} (default 8081;
 * {@code off} for none: Prometheus text at {@code /metrics}, health at {@code /health}), {@code
 * LOG_FORMAT} ({@code plain} for lines meant for people, JSON otherwise); launch it with {@code
 * TF_CPU_ALLOCATOR_USE_BFC=true} for TensorFlow's pooling CPU allocator. Stops cleanly on SIGTERM:
 * a running training's next heartbeat reports the shutdown, and the trainer checkpoints before it
 * exits.
 */
public final class GpuWorkerMain {
  static {
    // before the first logger exists: this worker's own Logback configuration (see its comment)
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile",
          "plain".equalsIgnoreCase(System.getenv("LOG_FORMAT"))
              ? "trainflow-worker-logback-plain.xml"
              : "trainflow-worker-logback.xml");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(GpuWorkerMain.class);
  private static final int GPUS_LOGGED = 8;
  /** Read by TensorFlow's native code when it creates its CPU allocator, so only the launcher can set it. */
  private static final String POOLING_ALLOCATOR = "TF_CPU_ALLOCATOR_USE_BFC";
  static final int DEFAULT_METRICS_PORT = 8081;

  private GpuWorkerMain() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    String address = env("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    String namespace = env("TEMPORAL_NAMESPACE", "default");
    String artifactRoot = env("ARTIFACT_ROOT", "./data/artifacts");
    String metricsPort = env("METRICS_PORT", Integer.toString(DEFAULT_METRICS_PORT));

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    TrainerMeters.register(registry);
    // The SDK's worker and client metrics (temporal_*) in the same registry.
    Scope temporalMetrics =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).setMetricsScope(temporalMetrics).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setDataConverter(PayloadConverters.dataConverter())
                .build());
    ArtifactStore store = ArtifactStores.open(artifactRoot, System.getenv("GCS_ENDPOINT"));
    String identity = client.getOptions().getIdentity();
    RunLogWriter runLogs = new RunLogWriter(store, identity);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new RunLogInterceptor(runLogs)).build());
    // WORKER_QUEUES: gpu (TensorFlow training, the default), cpu (tabular training), or both
    String queues = env("WORKER_QUEUES", TaskQueues.GPU);
    Worker worker = null;
    if (queues.contains(TaskQueues.GPU)) {
      worker = factory.newWorker(TaskQueues.GPU, GpuWorkerOptions.embedded());
      worker.registerActivitiesImplementations(new TrainingActivitiesImpl(store, new WorkflowEpochReporter(client)));
    }
    Worker cpuWorker = null;
    if (queues.contains(TaskQueues.CPU)) {
      cpuWorker =
          factory.newWorker(
              TaskQueues.CPU,
              io.temporal.worker.WorkerOptions.newBuilder(GpuWorkerOptions.embedded())
                  .setMaxConcurrentActivityExecutionSize(Integer.parseInt(env("CPU_WORKER_SLOTS", "2")))
                  .build());
      cpuWorker.registerActivitiesImplementations(new TabularTrainingActivitiesImpl(store, new WorkflowFoldReporter(client)));
    }
    if (worker == null && cpuWorker == null) {
      throw new IllegalArgumentException("WORKER_QUEUES must name gpu, cpu or both, got '" + queues + "'");
    }
    Worker served = worker != null ? worker : cpuWorker;

    WorkerMetricsServer metrics =
        "off".equalsIgnoreCase(metricsPort)
            ? null
            : WorkerMetricsServer.start(
                Integer.parseInt(metricsPort),
                registry,
                () -> factory.isStarted() && !factory.isShutdown() && !served.isSuspended());

    if (!"true".equalsIgnoreCase(System.getenv(POOLING_ALLOCATOR))) {
      log.warn("{} is not true: large batches will spend about a third of each step in page faults", POOLING_ALLOCATOR);
    }
    int gpus = GpuDevices.visible(GPUS_LOGGED);
    log.info(
        "{} worker {} on task queue(s) '{}' of {} (namespace {}), artifacts in {}, TensorFlow {} with {}, metrics {}",
        worker != null ? "gpu" : "cpu", identity, queues, address, namespace, store.uriOf(""),
        TensorFlow.version(), gpus == 0 ? "no GPU: CPU training only" : gpus + " GPU(s)",
        metrics == null ? "off" : "on port " + metrics.port() + " (/metrics, /health)");

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping the gpu worker");
                  factory.shutdown();
                  factory.awaitTermination(30, TimeUnit.SECONDS);
                  runLogs.close();
                  service.shutdown();
                  if (metrics != null) {
                    metrics.close();
                  }
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
