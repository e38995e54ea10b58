package dev.trainflow.api.observability;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.logs.RunLogInterceptor;
import dev.trainflow.activities.logs.RunLogWriter;
import dev.trainflow.activities.observability.RunMeters;
import dev.trainflow.activities.observability.RunningRunsGauges;
import dev.trainflow.activities.observability.RunningRunsQuery;
import dev.trainflow.activities.observability.ScheduleMeters;
import dev.trainflow.activities.observability.TrainflowMeters;
import dev.trainflow.activities.records.RunBeforeProjectionQuery;
import dev.trainflow.api.runtime.TemporalWorkers;
import dev.trainflow.worker.metrics.TrainerMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Trainflow's meters in the api's registry (the one {@code /actuator/prometheus} serves, where the
 * Temporal starter also reports the SDK's {@code temporal_*} meters): run events from the
 * workflow's projections, gauges read from the database and from Temporal, the trainer's and the
 * schedules' counters.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  @Bean
  RunMeters runMeters(MeterRegistry registry) {
    TrainerMeters.register(registry);
    return new RunMeters(registry);
  }

  /** What each projection's listeners compare with: the run's row before it. */
  @Bean
  RunBeforeProjectionQuery runBeforeProjectionQuery(DSLContext db) {
    return new RunBeforeProjectionQuery(db);
  }

  /** For the schedule activities to report fires (their series exist at 0 before the first). */
  @Bean
  ScheduleMeters scheduleMeters(MeterRegistry registry) {
    return new ScheduleMeters(registry);
  }

  @Bean(destroyMethod = "close")
  RunLogWriter runLogWriter(ArtifactStore store, RunLogSettings settings) {
    return new RunLogWriter(
        store, ManagementFactory.getRuntimeMXBean().getName(), settings.flushInterval(), settings.maxLinesPerStage(),
        settings.maxLineChars());
  }

  @Bean
  RunLogInterceptor runLogInterceptor(RunLogWriter writer) {
    return new RunLogInterceptor(writer);
  }

  @Bean
  GaugeRefresher gaugeRefresher(
      MeterRegistry registry, DSLContext db, WorkflowClient client, TemporalWorkers workers, MetricsSettings settings) {
    for (String queue : workers.queues()) {
      Gauge.builder(TrainflowMeters.WORKERS_POLLING, workers, w -> w.polling() ? 1 : 0)
          .description("1 while this process's worker polls the task queue")
          .tag(TrainflowMeters.TASK_QUEUE, queue)
          .register(registry);
    }
    Clock clock = Clock.systemUTC();
    return new GaugeRefresher(
        new RunningRunsGauges(registry, new RunningRunsQuery(db), clock),
        new TrainingQueueProbe(registry, client, clock),
        settings);
  }
}
