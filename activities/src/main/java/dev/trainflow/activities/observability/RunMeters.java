package dev.trainflow.activities.observability;

import dev.trainflow.activities.records.RunBeforeProjection;
import dev.trainflow.activities.records.RunProgressListener;
import dev.trainflow.activities.records.RunTransitions;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.run.RetryRecord;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.StageOutputs;
import dev.trainflow.workflows.run.TrainingStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Run events as meters: each projection is compared with the run's row before it, so an event is
 * counted once however many projections repeat it, whichever replica receives them.
 */
public final class RunMeters implements RunProgressListener {
  /** Durations of whole runs: minutes to a day. */
  private static final Duration[] RUN_DURATION_BUCKETS = {
    Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
    Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
    Duration.ofHours(8), Duration.ofHours(24)
  };
  /** Waiting for a training slot: seconds to an hour. */
  private static final Duration[] QUEUE_DELAY_BUCKETS = {
    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
    Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)
  };

  private final MeterRegistry registry;

  public RunMeters(MeterRegistry registry) {
    this.registry = registry;
    // Zero-valued series from the start, so rates and alerts have something to read before the
    // first event and the Grafana panels show 0 rather than "no data".
    Counter.builder(TrainflowMeters.SCHEMA_WARNINGS).register(registry);
    for (FailureReason reason : FailureReason.values()) {
      retries(reason.type());
    }
    for (String outcome : List.of("trained", "lost")) {
      deviceSeconds(outcome);
    }
  }

  @Override
  public void afterProjection(RunBeforeProjection previous, RunProgress progress, List<EpochMetrics> epochs) {
    String modelType = previous.modelType();
    if (RunTransitions.started(previous, progress)) {
      Counter.builder(TrainflowMeters.RUNS_STARTED).tag(TrainflowMeters.MODEL_TYPE, modelType).register(registry).increment();
    }
    int newEpochs = progress.currentEpoch() - previous.currentEpoch();
    if (newEpochs > 0) {
      Counter.builder(TrainflowMeters.EPOCHS).tag(TrainflowMeters.MODEL_TYPE, modelType).register(registry).increment(newEpochs);
    }
    TrainingStats training = progress.training();
    if (training != null) {
      training(previous, training, modelType);
    }
    dataStages(progress.outputs());
    if (RunTransitions.finished(previous, progress)) {
      String status = progress.status().value();
      String reason = progress.errorReason() == null ? "none" : FailureReason.fromType(progress.errorReason()).type();
      Counter.builder(TrainflowMeters.RUNS_FINISHED)
          .tag(TrainflowMeters.STATUS, status)
          .tag(TrainflowMeters.MODEL_TYPE, modelType)
          .tag(TrainflowMeters.REASON, reason)
          .register(registry)
          .increment();
      if (progress.startedAtMillis() != null) {
        Timer.builder(TrainflowMeters.RUN_DURATION)
            .tag(TrainflowMeters.STATUS, status)
            .tag(TrainflowMeters.MODEL_TYPE, modelType)
            .serviceLevelObjectives(RUN_DURATION_BUCKETS)
            .register(registry)
            .record(Duration.ofMillis(progress.finishedAtMillis() - progress.startedAtMillis()));
      }
    }
  }

  private void training(RunBeforeProjection previous, TrainingStats training, String modelType) {
    int knownRetries = previous.retries();
    List<RetryRecord> records = training.retries();
    for (int i = knownRetries; i < records.size(); i++) {
      retries(FailureReason.fromType(records.get(i).reason()).type()).increment();
    }
    if (training.queueDelaySeconds() != null && previous.queueDelaySeconds() == null) {
      Timer.builder(TrainflowMeters.QUEUE_DELAY)
          .serviceLevelObjectives(QUEUE_DELAY_BUCKETS)
          .register(registry)
          .record(Duration.ofMillis(Math.round(training.queueDelaySeconds() * 1000)));
    }
    double cost = training.costUsd() - previous.costUsd();
    if (cost > 0) {
      Counter.builder(TrainflowMeters.COST).baseUnit("usd").tag(TrainflowMeters.MODEL_TYPE, modelType)
          .register(registry).increment(cost);
    }
    double trained = training.gpuSecondsTrained() - previous.gpuSecondsTrained();
    if (trained > 0) {
      deviceSeconds("trained").increment(trained);
    }
    double lost = training.gpuSecondsLost() - previous.gpuSecondsLost();
    if (lost > 0) {
      deviceSeconds("lost").increment(lost);
    }
  }

  /**
   * The workflow sends each stage's output with the first projection after the stage, once: the
   * examples ride with the Statistics stage's start, the schema with the Transform stage's. A
   * retried run reusing them sends them all at once with the transform, and is not counted again.
   */
  private void dataStages(StageOutputs outputs) {
    if (outputs == null) {
      return;
    }
    ExamplesResult examples = outputs.examples();
    if (examples != null && outputs.statistics() == null) {
      for (SplitInfo split : examples.splits()) {
        DistributionSummary.builder(TrainflowMeters.SPLIT_ROWS)
            .baseUnit("rows")
            .tag(TrainflowMeters.SPLIT, split.name().toLowerCase(Locale.ROOT))
            .register(registry)
            .record(split.rows());
      }
    }
    if (outputs.schema() != null && outputs.transform() == null && outputs.schema().warnings() != null) {
      Counter.builder(TrainflowMeters.SCHEMA_WARNINGS).register(registry).increment(outputs.schema().warnings().size());
    }
  }

  private Counter retries(String reason) {
    return Counter.builder(TrainflowMeters.RETRIES).tag(TrainflowMeters.REASON, reason).register(registry);
  }

  private Counter deviceSeconds(String outcome) {
    return Counter.builder(TrainflowMeters.DEVICE_TIME).baseUnit("seconds").tag(TrainflowMeters.OUTCOME, outcome)
        .register(registry);
  }
}
