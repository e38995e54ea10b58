package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.FoldReport;
import dev.trainflow.workflows.activities.TrainingStart;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One training run, from config to registered model. Workflow id: {@code training-run-<id>}. */
@WorkflowInterface
public interface TrainingRunWorkflow {

  /**
   * Runs the nine stages. Returns the final progress when the run completes, is cancelled by the
   * {@link #cancel} signal, or ends not blessed; fails with the run's error otherwise.
   */
  @WorkflowMethod
  RunProgress run(TrainingRunInput input);

  /** Stops the run: the running stage is cancelled (training checkpoints first), artifacts stay. */
  @SignalMethod
  void cancel(String reason);

  /** Registers and deploys a model that was not blessed. Ignored unless the run is not_blessed. */
  @SignalMethod
  void pushAnyway(String reason);

  /** Sent by the training activity after each epoch. */
  @SignalMethod
  void reportEpoch(EpochMetrics metrics);

  /** Sent by a training attempt when a worker starts it. */
  @SignalMethod
  void reportTrainingStarted(TrainingStart start);

  /** A tabular training activity finished a cross-validation fold. */
  @SignalMethod
  void reportFold(FoldReport report);

  @QueryMethod
  RunProgress progress();

  /**
   * Whether the run was cancelled while its tabular trainer runs: the trainer asks between rounds
   * and stops. (The run does not cancel that activity through Temporal: a cancel request racing
   * the activity's completion made the test server refuse the run's next task, and the run hung.)
   */
  @QueryMethod
  boolean trainingStopRequested();
}
