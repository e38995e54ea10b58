package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
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
    GpuConfig gpu = request.run().gpuConfig();
    if (gpu != null && gpu.wantsGpu()) {
      GpuDevices.require(gpu);
    }
    String resumeFrom =
        context
            .getHeartbeatDetails(TrainingHeartbeat.class)
            .map(TrainingHeartbeat::lastCheckpointUri)
            .orElse(request.resumeFromCheckpointUri());
    return new TwoTowerTrainer(store, reporter, context::heartbeat).train(request, resumeFrom, identity);
  }
}
