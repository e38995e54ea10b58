package dev.trainflow.worker.training;

import dev.trainflow.workflows.activities.TrainingHeartbeat;

/**
 * Receives the trainer's position after every step. In an activity this is the heartbeat, which
 * throws {@link io.temporal.client.ActivityCompletionException} once the activity is cancelled:
 * the trainer then checkpoints and rethrows.
 */
@FunctionalInterface
public interface TrainingProgress {
  void heartbeat(TrainingHeartbeat heartbeat);
}
