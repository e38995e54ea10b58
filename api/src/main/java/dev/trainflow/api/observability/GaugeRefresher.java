package dev.trainflow.api.observability;

import dev.trainflow.activities.observability.RunningRun;
import dev.trainflow.activities.observability.RunningRunsGauges;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Refreshes the database and Temporal gauges every {@code trainflow.metrics.refresh-interval}. */
final class GaugeRefresher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GaugeRefresher.class);

  private final RunningRunsGauges runs;
  private final TrainingQueueProbe queue;
  private final MetricsSettings settings;
  private ScheduledExecutorService executor;
  private boolean failing;

  GaugeRefresher(RunningRunsGauges runs, TrainingQueueProbe queue, MetricsSettings settings) {
    this.runs = runs;
    this.queue = queue;
    this.settings = settings;
  }

  void refresh() {
    try {
      List<RunningRun> running = runs.refresh();
      queue.refresh(running);
      if (failing) {
        log.info("metrics gauges refresh again");
        failing = false;
      }
    } catch (RuntimeException e) {
      // once per outage, not every interval
      if (!failing) {
        log.warn("metrics gauges cannot refresh: {}", e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "metrics-gauge-refresh");
              t.setDaemon(true);
              return t;
            });
    long millis = settings.refreshInterval().toMillis();
    executor.scheduleWithFixedDelay(this::refresh, 0, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
