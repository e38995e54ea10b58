package dev.trainflow.worker.metrics;

import dev.trainflow.activities.observability.TrainflowMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The trainer's own meters. They go to Micrometer's global registry: the standalone worker adds its
 * Prometheus registry there, and Spring Boot adds the api's, so the trainer needs no wiring.
 */
public final class TrainerMeters {
  private TrainerMeters() {}

  /** Creates the series at 0, so they exist before the first checkpoint. */
  public static void register(MeterRegistry registry) {
    checkpoints(registry);
  }

  public static void checkpointSaved() {
    checkpoints(Metrics.globalRegistry).increment();
  }

  private static Counter checkpoints(MeterRegistry registry) {
    return Counter.builder(TrainflowMeters.CHECKPOINTS_SAVED)
        .description("training checkpoints written (weights and optimizer state)")
        .register(registry);
  }
}
