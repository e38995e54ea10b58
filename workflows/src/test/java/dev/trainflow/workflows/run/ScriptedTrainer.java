package dev.trainflow.workflows.run;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TrainingStart;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A trainer that follows a script, one line per attempt: finish, be preempted after an epoch,
 * lose its worker (stop heartbeating) after an epoch, or fail with a given reason. It checkpoints
 * after every epoch ({@code ckpt-<epoch>}) and resumes from the checkpoint it is given, like the
 * real one, so tests can check what each attempt started from.
 */
class ScriptedTrainer implements TrainingActivities {
  enum Outcome { FINISH, PREEMPT, LOSE_WORKER, LOSE_WORKER_AT_START, LOSE_WORKER_HEARTBEATS_BEHIND, FAIL }

  record Step(Outcome outcome, int afterEpoch, FailureReason reason, double epochSeconds) {}

  static Step finish() {
    return new Step(Outcome.FINISH, 0, null, 1);
  }

  static Step preemptAfter(int epoch) {
    return new Step(Outcome.PREEMPT, epoch, FailureReason.PREEMPTED, 1);
  }

  static Step loseWorkerAfter(int epoch) {
    return new Step(Outcome.LOSE_WORKER, epoch, FailureReason.WORKER_LOST, 1);
  }

  /** The worker dies right after the attempt starts: not a single heartbeat, no checkpoint of its own. */
  static Step loseWorkerAtStart() {
    return new Step(Outcome.LOSE_WORKER_AT_START, 0, FailureReason.WORKER_LOST, 1);
  }

  /**
   * Epochs come quicker than heartbeats: each epoch report names its checkpoint, but only the first
   * epoch's heartbeat reaches the server before the worker dies after {@code epoch}.
   */
  static Step loseWorkerWithHeartbeatsBehind(int epoch) {
    return new Step(Outcome.LOSE_WORKER_HEARTBEATS_BEHIND, epoch, FailureReason.WORKER_LOST, 1);
  }

  static Step failAfter(int epoch, FailureReason reason) {
    return new Step(Outcome.FAIL, epoch, reason, 1);
  }

  static Step failAfter(int epoch, FailureReason reason, double epochSeconds) {
    return new Step(Outcome.FAIL, epoch, reason, epochSeconds);
  }

  private final WorkflowClient client;
  private final List<Step> script = new CopyOnWriteArrayList<>();
  final List<TrainingRequest> requests = new CopyOnWriteArrayList<>();

  ScriptedTrainer(WorkflowClient client) {
    this.client = client;
  }

  void script(Step... steps) {
    script.clear();
    script.addAll(List.of(steps));
  }

  @Override
  public TrainingResult train(TrainingRequest request) {
    requests.add(request);
    int attempt = requests.size();
    Step step = attempt <= script.size() ? script.get(attempt - 1) : finish();
    TrainingRunWorkflow run = client.newWorkflowStub(TrainingRunWorkflow.class, request.workflowId());
    run.reportTrainingStarted(new TrainingStart(request.attempt(), "worker-" + attempt, System.currentTimeMillis(), request.resumeFromCheckpointUri()));
    if (step.outcome() == Outcome.LOSE_WORKER_AT_START) {
      sleep(request.run().trainingParams().heartbeatTimeoutSeconds() * 2500L);
      throw new IllegalStateException("this attempt should have timed out");
    }
    int epochs = request.run().trainingParams().epochs();
    int from = resumeEpoch(request.resumeFromCheckpointUri());
    int until = step.outcome() == Outcome.FINISH ? epochs : Math.min(step.afterEpoch(), epochs);
    String checkpoint = request.resumeFromCheckpointUri();
    boolean heartbeatsBehind = step.outcome() == Outcome.LOSE_WORKER_HEARTBEATS_BEHIND;
    for (int epoch = from + 1; epoch <= until; epoch++) {
      checkpoint = "ckpt-" + epoch;
      EpochMetrics metrics =
          new EpochMetrics(epoch, 10.0 / epoch, 11.0 / epoch, 0.1, 0.2, 0.3, 0.1 * epoch, 0.1, 1000, step.epochSeconds());
      run.reportEpoch(heartbeatsBehind ? metrics.withCheckpoint(checkpoint) : metrics);
      if (!heartbeatsBehind || epoch == from + 1) {
        Activity.getExecutionContext().heartbeat(new TrainingHeartbeat(epoch + 1, 0, checkpoint, epoch, 0.0));
      }
    }
    if (heartbeatsBehind) {
      sleep(request.run().trainingParams().heartbeatTimeoutSeconds() * 2500L);
      throw new IllegalStateException("this attempt should have timed out");
    }
    switch (step.outcome()) {
      case FINISH -> {
        EpochMetrics last = new EpochMetrics(epochs, 1, 1.0, 0.1, 0.2, 0.3, 0.4, 0.1, 1000, 1);
        return new TrainingResult("file:/model", epochs, last, checkpoint, 1.0, "worker-" + attempt);
      }
      case PREEMPT -> throw ApplicationFailure.newFailureWithCause(
          "preempted at epoch " + until, "preempted", null, new TrainingHeartbeat(until + 1, 0, checkpoint, until, 0.0));
      case LOSE_WORKER -> {
        // work after the checkpoint that the loss throws away, then silence past the heartbeat timeout
        Activity.getExecutionContext().heartbeat(new TrainingHeartbeat(until + 1, 3, checkpoint, until, 0.5));
        sleep(request.run().trainingParams().heartbeatTimeoutSeconds() * 2500L);
        throw new IllegalStateException("this attempt should have timed out");
      }
      default -> throw step.reason().retryable()
          ? ApplicationFailure.newFailureWithCause(step.reason().type() + " by script", step.reason().type(), null,
              new TrainingHeartbeat(until + 1, 0, checkpoint, until, 0.0))
          : ApplicationFailure.newNonRetryableFailureWithCause(step.reason().type() + " by script", step.reason().type(), null,
              new TrainingHeartbeat(until + 1, 0, checkpoint, until, 0.0));
    }
  }

  List<String> resumedFrom() {
    List<String> from = new ArrayList<>();
    requests.forEach(r -> from.add(r.resumeFromCheckpointUri()));
    return from;
  }

  private static int resumeEpoch(String checkpoint) {
    return checkpoint == null ? 0 : Integer.parseInt(checkpoint.substring("ckpt-".length()));
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
