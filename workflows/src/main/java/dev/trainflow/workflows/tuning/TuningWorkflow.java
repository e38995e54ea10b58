package dev.trainflow.workflows.tuning;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A hyperparameter tuning job ({@code tuning-job-<id>}): trials are child {@code
 * TrainingRunWorkflow}s of the base template with suggested hyperparameters, at most {@code
 * parallelism} at once, until the trial budget is spent; reports the best.
 */
@WorkflowInterface
public interface TuningWorkflow {

  @WorkflowMethod
  TuningProgress run(TuningJobInput input);

  /** An intermediate result of a trial's run, sent by the run workflow (see {@link TrialReport}). */
  @SignalMethod(name = "trialReport")
  void trialReport(TrialReport report);

  /** Stops the job: running trials are cancelled, no new one starts; the best so far stays. */
  @SignalMethod
  void cancel(String reason);

  @QueryMethod
  TuningProgress progress();
}
