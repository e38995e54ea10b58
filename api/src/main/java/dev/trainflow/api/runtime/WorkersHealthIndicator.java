package dev.trainflow.api.runtime;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} is UP only while the in-process workers are polling. */
@Component("workers")
class WorkersHealthIndicator implements HealthIndicator {
  private final TemporalWorkers workers;

  WorkersHealthIndicator(TemporalWorkers workers) {
    this.workers = workers;
  }

  @Override
  public Health health() {
    Health.Builder health = workers.polling() ? Health.up() : Health.down();
    return health.withDetail("task_queues", workers.queues()).build();
  }
}
