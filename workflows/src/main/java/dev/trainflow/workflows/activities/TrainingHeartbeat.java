package dev.trainflow.workflows.activities;

/**
 * The training activity's heartbeat details: where it is and the last checkpoint it wrote. They
 * outlive the worker: after a heartbeat timeout the workflow reads the last ones from the
 * failure and resumes the next attempt from {@code lastCheckpointUri}.
 *
 * @param checkpointEpoch the epochs the last checkpoint holds (0 when none)
 * @param secondsSinceCheckpoint training time that a loss of the worker now would throw away
 */
public record TrainingHeartbeat(
    int epoch, int step, String lastCheckpointUri, Integer checkpointEpoch, Double secondsSinceCheckpoint) {

  public TrainingHeartbeat(int epoch, int step, String lastCheckpointUri) {
    this(epoch, step, lastCheckpointUri, null, null);
  }
}
