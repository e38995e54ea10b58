package dev.trainflow.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface TrainingActivities {
  /**
   * Trains the model on the {@code gpu} task queue. Heartbeats carry a {@link TrainingHeartbeat};
   * each finished epoch is signalled to the run workflow ({@code reportEpoch}). Fails fast with
   * {@code gpu_unavailable} when GPUs are requested and none is visible.
   */
  @ActivityMethod
  TrainingResult train(TrainingRequest request);
}
