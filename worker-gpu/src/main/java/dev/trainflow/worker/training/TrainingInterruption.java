package dev.trainflow.worker.training;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.TrainingHeartbeat;

/**
 * Training must stop now for a reason outside the model: the machine is being preempted, the
 * run's max runtime or cost limit is reached. The trainer checkpoints, then rethrows it with the
 * checkpoint in {@link #heartbeat()}, so the next attempt resumes there.
 */
public final class TrainingInterruption extends RuntimeException {
  private final FailureReason reason;
  private final TrainingHeartbeat heartbeat;

  public TrainingInterruption(FailureReason reason, String message) {
    this(reason, message, null);
  }

  private TrainingInterruption(FailureReason reason, String message, TrainingHeartbeat heartbeat) {
    super(message);
    this.reason = reason;
    this.heartbeat = heartbeat;
  }

  /** The same interruption, after the trainer checkpointed. */
  public TrainingInterruption checkpointed(TrainingHeartbeat heartbeat) {
    return new TrainingInterruption(reason, getMessage(), heartbeat);
  }

  public FailureReason reason() {
    return reason;
  }

  public TrainingHeartbeat heartbeat() {
    return heartbeat;
  }
}
