package dev.trainflow.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class WorkersHealthIndicatorTests {

  @ActivityInterface
  public interface Echo {
    String echo(String value);
  }

  @Test
  void shouldBeUpOnlyWhileTheWorkersPoll() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
      Worker worker = factory.newWorker("health-check-queue");
      // a worker with nothing registered never polls
      worker.registerActivitiesImplementations((Echo) value -> value);
      TemporalWorkers workers = new TemporalWorkers(factory, List.of(worker));
      WorkersHealthIndicator health = new WorkersHealthIndicator(workers);

      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

      workers.start();
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(health.health().getDetails()).containsEntry("task_queues", List.of("health-check-queue"));

      worker.suspendPolling();
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      worker.resumePolling();

      workers.destroy();
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
  }
}
