package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the run workflow, registered under the same workflow type, so schedule tests run
 * in (skipped) time without stages: each run lasts its script's duration and ends as scripted.
 * Scripts are keyed by run id and set by the test before the fire.
 */
public class ScriptedTrainingRun implements TrainingRunWorkflow {
  record Script(Duration runFor, RunStatus outcome) {}

  static final Script DEFAULT = new Script(Duration.ofMinutes(30), RunStatus.COMPLETED);
  static final Map<Long, Script> SCRIPTS = new ConcurrentHashMap<>();

  private String cancelReason;
  private RunStatus status = RunStatus.RUNNING;
  private long runId;

  @Override
  public RunProgress run(TrainingRunInput input) {
    runId = input.runId();
    Script script = SCRIPTS.getOrDefault(input.runId(), DEFAULT);
    boolean cancelled = Workflow.await(script.runFor(), () -> cancelReason != null);
    if (cancelled) {
      status = RunStatus.CANCELLED;
    } else if (script.outcome() == RunStatus.FAILED) {
      throw ApplicationFailure.newNonRetryableFailure("scripted failure of run " + runId, "data_validation");
    } else {
      status = script.outcome();
    }
    return progress();
  }

  @Override
  public void cancel(String reason) {
    cancelReason = reason;
  }

  @Override
  public void pushAnyway(String reason) {}

  @Override
  public void reportEpoch(EpochMetrics metrics) {}

  @Override
  public RunProgress progress() {
    return new RunProgress(
        runId, status, null, List.of(), 0, 0, 0, null, null, null, null, null, null, Map.of(), null, null, null, null, null,
        null, null);
  }

  @Override
  public void reportTrainingStarted(TrainingStart start) {}

  @Override
  public void reportFold(dev.trainflow.workflows.activities.FoldReport report) {}

  @Override
  public boolean trainingStopRequested() {
    return false;
  }
}
