package dev.trainflow.worker;

import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/** The worker options of every {@code gpu}-queue worker, standalone or embedded in the api. */
public final class GpuWorkerOptions {
  private GpuWorkerOptions() {}

  /**
   * A zero sticky schedule-to-start timeout, so a workflow cached by a worker that died does not
   * hang on the embedded test server; a 500 ms heartbeat throttle, so a retried attempt sees the
   * last checkpoint its predecessor heartbeated.
   */
  public static WorkerOptions embedded() {
    return WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .setMaxHeartbeatThrottleInterval(Duration.ofMillis(500))
        // one training at a time: two would share two cores and the memory of their logits
        .setMaxConcurrentActivityExecutionSize(1)
        .build();
  }
}
