package dev.trainflow.api.runtime;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The in-process workers. They start polling once the application is ready (so the REST API and
 * the database are up) and stop, letting running tasks finish for a while, when it closes.
 */
public class TemporalWorkers implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(TemporalWorkers.class);

  private final WorkerFactory factory;
  private final List<Worker> workers;

  TemporalWorkers(WorkerFactory factory, List<Worker> workers) {
    this.factory = factory;
    this.workers = List.copyOf(workers);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    factory.start();
    log.info("workers polling task queues {}", queues());
  }

  public List<String> queues() {
    return workers.stream().map(Worker::getTaskQueue).toList();
  }

  /** Started, not shut down, and no worker's polling suspended. */
  public boolean polling() {
    return factory.isStarted() && !factory.isShutdown() && workers.stream().noneMatch(Worker::isSuspended);
  }

  @Override
  public void destroy() throws InterruptedException {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
