package dev.trainflow.activities.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The model server's meters, defined here so that the server (built in {@code deploy/}, not yet
 * in this build) records them under the names the dashboard's model-server panels read. Request
 * latency and batch size are histograms labelled by model name, never by request.
 */
public final class ModelServerMeters {
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)
  };
  private static final double[] BATCH_SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

  private final MeterRegistry registry;

  public ModelServerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param method {@code predict}, {@code metadata} or {@code status}
   * @param outcome {@code ok}, {@code client_error} or {@code server_error}
   */
  public void request(String model, String method, String outcome, Duration latency) {
    Timer.builder(TrainflowMeters.MODEL_SERVER_REQUEST_DURATION)
        .tag("model", model)
        .tag("method", method)
        .tag(TrainflowMeters.OUTCOME, outcome)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(latency);
  }

  /** The number of instances one executed batch held. */
  public void batch(String model, int instances) {
    DistributionSummary.builder(TrainflowMeters.MODEL_SERVER_BATCH_SIZE)
        .baseUnit("instances")
        .tag("model", model)
        .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
        .register(registry)
        .record(instances);
  }
}
