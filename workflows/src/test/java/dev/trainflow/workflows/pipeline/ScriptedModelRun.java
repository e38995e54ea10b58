package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.RegistrationResult;
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
 * A stand-in for the run workflow under the same type: each run lasts ten (skipped) minutes, then
 * fails with the reasons its ml model's script lists, attempt by attempt, or completes: evaluated,
 * blessed or not, and registered as the script's version when blessed.
 */
public class ScriptedModelRun implements TrainingRunWorkflow {
  static final Duration RUN_TIME = Duration.ofMinutes(10);

  record Script(List<String> failures, boolean blessed, int version) {}

  static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

  @Override
  public RunProgress run(TrainingRunInput input) {
    Script script = SCRIPTS.getOrDefault(input.mlModelName(), new Script(List.of(), true, 1));
    Workflow.sleep(RUN_TIME);
    // the run number counts this model's attempts (FakePipelineRecords numbers them so)
    int attempt = input.runNumber();
    if (attempt <= script.failures().size()) {
      String reason = script.failures().get(attempt - 1);
      throw ApplicationFailure.newNonRetryableFailure("scripted " + reason + " of run " + input.runId(), reason);
    }
    EvaluationResult evaluation =
        new EvaluationResult("recall_at_100", 0.4, 0.1, script.blessed(), Map.of("recall_at_100", 0.4), Map.of(), 100, "file:/eval");
    RegistrationResult registration = script.blessed() ? new RegistrationResult(input.runId(), script.version(), "file:/model") : null;
    return new RunProgress(
        input.runId(), script.blessed() ? RunStatus.COMPLETED : RunStatus.NOT_BLESSED, null, List.of(), 1, 1, 100, null,
        evaluation, registration, null, null, null, Map.of(), null, null, null, null, null, null, null);
  }

  @Override
  public void cancel(String reason) {}

  @Override
  public void pushAnyway(String reason) {}

  @Override
  public void reportEpoch(EpochMetrics metrics) {}

  @Override
  public RunProgress progress() {
    return null;
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
