package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.worker.training.TrainingInterruption;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.spec.GpuConfig;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.lang.management.ManagementFactory;

/**
 * The training activity of the {@code gpu} task queue. A retried attempt resumes from the
 * checkpoint its previous attempt last heartbeated, else from the request's checkpoint.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {
  private final ArtifactStore store;
  private final EpochReporter reporter;
  private final String identity = ManagementFactory.getRuntimeMXBean().getName();

  public TrainingActivitiesImpl(ArtifactStore store, EpochReporter reporter) {
    this.store = store;
    this.reporter = reporter;
  }

  @Override
  public TrainingResult train(TrainingRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    GpuConfig gpu = request.effectiveCapacity();
    if (gpu != null && gpu.wantsGpu()) {
      GpuDevices.require(gpu);
    }
    String resumeFrom =
        context
            .getHeartbeatDetails(TrainingHeartbeat.class)
            .map(TrainingHeartbeat::lastCheckpointUri)
            .orElse(request.resumeFromCheckpointUri());
    if (request.attempt() != null) {
      reporter.started(
          request.workflowId(), new TrainingStart(request.attempt(), identity, System.currentTimeMillis(), resumeFrom));
    }
    AttemptGuard guard = new AttemptGuard(request, resumeFrom, System::currentTimeMillis);
    try {
      return new TwoTowerTrainer(store, guard.reporter(reporter), guard.progress(context::heartbeat))
          .train(request, resumeFrom, identity);
    } catch (TrainingInterruption stopped) {
      // the trainer checkpointed first: the failure's details tell the workflow where to resume
      throw TrainingFailures.withDetails(stopped.reason(), stopped.getMessage(), stopped.heartbeat());
    }
  }
}
