package dev.trainflow.worker;

import dev.trainflow.worker.artifacts.CheckpointStore;
import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.worker.training.TrainingInterruption;
import dev.trainflow.worker.training.TrainingProgress;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Watches one training attempt from outside the model. Each heartbeat gains how old the last
 * checkpoint is (what a lost worker would throw away) and checks the run's deadline and cost
 * budget; each reported epoch checks the local backend's preemption plan. A limit reached raises
 * a {@link TrainingInterruption}: the trainer checkpoints and stops.
 */
final class AttemptGuard {
  private final TrainingRequest request;
  private final LongSupplier clock;
  private final long startedAtMillis;
  private final int resumedFromEpoch;
  private final List<Integer> preemptAtEpochs;
  private String lastCheckpointUri;
  private long lastCheckpointAtMillis;

  AttemptGuard(TrainingRequest request, String resumeFrom, LongSupplier clock) {
    this.request = request;
    this.clock = clock;
    this.startedAtMillis = clock.getAsLong();
    this.resumedFromEpoch = CheckpointStore.completedEpochsOf(resumeFrom);
    List<Integer> plan = request.effectiveCapacity().preemptAtEpochs();
    this.preemptAtEpochs = plan == null ? List.of() : plan;
    this.lastCheckpointUri = resumeFrom;
    this.lastCheckpointAtMillis = startedAtMillis;
  }

  TrainingProgress progress(TrainingProgress heartbeat) {
    return beat -> {
      long now = clock.getAsLong();
      if (beat.lastCheckpointUri() != null && !beat.lastCheckpointUri().equals(lastCheckpointUri)) {
        lastCheckpointUri = beat.lastCheckpointUri();
        lastCheckpointAtMillis = now;
      }
      heartbeat.heartbeat(
          new TrainingHeartbeat(
              beat.epoch(),
              beat.step(),
              beat.lastCheckpointUri(),
              CheckpointStore.completedEpochsOf(beat.lastCheckpointUri()),
              (now - lastCheckpointAtMillis) / 1000.0));
      checkLimits(now);
    };
  }

  EpochReporter reporter(EpochReporter reporter) {
    return new EpochReporter() {
      @Override
      public void report(String workflowId, EpochMetrics metrics) {
        reporter.report(workflowId, metrics);
        if (preemptAtEpochs.contains(metrics.epoch()) && metrics.epoch() > resumedFromEpoch) {
          throw new TrainingInterruption(
              FailureReason.PREEMPTED,
              "preempted after epoch " + metrics.epoch() + " (gpu_config.preempt_at_epochs, local backend)");
        }
      }

      @Override
      public void started(String workflowId, dev.trainflow.workflows.activities.TrainingStart start) {
        reporter.started(workflowId, start);
      }
    };
  }

  private void checkLimits(long now) {
    if (request.deadlineEpochMillis() != null && now >= request.deadlineEpochMillis()) {
      throw new TrainingInterruption(
          FailureReason.TIMEOUT_EXCEEDED,
          "the run reached its max runtime of " + request.run().trainingParams().maxRuntimeMinutes() + " minutes");
    }
    if (request.costBudgetUsd() != null && request.pricePerHourUsd() != null) {
      double spent = (now - startedAtMillis) / 3_600_000.0 * request.pricePerHourUsd();
      if (spent >= request.costBudgetUsd()) {
        throw new TrainingInterruption(
            FailureReason.COST_LIMIT_EXCEEDED,
            String.format(
                "the run reached its cost limit of $%.2f (this attempt spent $%.2f at $%.2f/h)",
                request.run().trainingParams().maxCostUsd(), spent, request.pricePerHourUsd()));
      }
    }
  }
}
