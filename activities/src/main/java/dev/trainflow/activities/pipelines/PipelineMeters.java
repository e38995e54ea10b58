package dev.trainflow.activities.pipelines;

import dev.trainflow.activities.observability.TrainflowMeters;
import dev.trainflow.workflows.pipeline.PipelineRunProgress;
import dev.trainflow.workflows.pipeline.TaskReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Ended pipeline runs: their duration by outcome, and each task's outcome by kind. Labels are
 * bounded: outcomes and task kinds are fixed vocabularies; pipeline and task names are not labels.
 */
public final class PipelineMeters {
  public static final String PIPELINE_RUNS = "trainflow.pipeline.runs";
  public static final String PIPELINE_DURATION = "trainflow.pipeline.run.duration";
  public static final String PIPELINE_TASKS = "trainflow.pipeline.tasks";

  private final MeterRegistry registry;

  public PipelineMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void ended(PipelineRunProgress progress) {
    String outcome = progress.status().value();
    Counter.builder(PIPELINE_RUNS).description("pipeline runs ended, by outcome")
        .tag(TrainflowMeters.OUTCOME, outcome).register(registry).increment();
    if (progress.startedAtMillis() != null) {
      Timer.builder(PIPELINE_DURATION).description("pipeline run duration, by outcome")
          .tag(TrainflowMeters.OUTCOME, outcome).register(registry)
          .record(Duration.ofMillis(progress.finishedAtMillis() - progress.startedAtMillis()));
    }
    for (TaskReport task : progress.tasks()) {
      Counter.builder(PIPELINE_TASKS).description("pipeline tasks ended, by kind and outcome")
          .tag("kind", task.kind()).tag(TrainflowMeters.OUTCOME, task.status().value()).register(registry).increment();
    }
  }
}
