package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.RecordActivityOptions;
import dev.trainflow.workflows.activities.TrialRunRequest;
import dev.trainflow.workflows.activities.TuningRecordActivities;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The tuning workflow: one loop that keeps up to {@code parallelism} trials running until the
 * budget is spent. Each trial's hyperparameters are suggested when it starts, from the trials that
 * completed by then ({@link HyperparameterSampler}); its run is created by an activity (keyed by
 * job and trial, so a retry finds it) and started as a child workflow in its own cancellation
 * scope. Step reports arrive as signals and are handled by the loop in arrival order: with
 * successive halving a trial below its rung's cut is cancelled through its scope.
 *
 * <p>Everything the loop decides from is in the history (activity results, child results,
 * signals), and sampling draws only from seeded {@link java.util.Random}s, so a worker that takes
 * the job over after another one died replays to the same state and carries on.
 */
public class TuningWorkflowImpl implements TuningWorkflow {
  private static final Logger log = Workflow.getLogger(TuningWorkflowImpl.class);

  private final TuningRecordActivities records =
      Workflow.newActivityStub(TuningRecordActivities.class, RecordActivityOptions.bounded());

  /** A trial whose run is going. */
  private static final class RunningTrial {
    final int number;
    final long runId;
    CancellationScope scope;
    Promise<RunProgress> result;
    /** Why this workflow cancelled the run ({@code STOPPED_EARLY} or {@code CANCELLED}), or null. */
    TrialStatus stopping;

    RunningTrial(int number, long runId) {
      this.number = number;
      this.runId = runId;
    }
  }

  private final List<TrialRecord> trials = new ArrayList<>();
  private final Map<Integer, RunningTrial> running = new LinkedHashMap<>();
  private final Map<Long, Integer> trialOfRun = new HashMap<>();
  private final List<TrialReport> inbox = new ArrayList<>();
  private TuningJobInput input;
  private TuningSpec spec;
  private SuccessiveHalving halving;
  private TuningJobStatus status = TuningJobStatus.RUNNING;
  private String error;
  private String cancelReason;
  private boolean cancelHandled;
  private Long startedAtMillis;
  private Long finishedAtMillis;
  private int revision;
  private int projectedRevision = -1;

  @Override
  public TuningProgress run(TuningJobInput input) {
    this.input = input;
    this.spec = input.spec();
    if (spec.earlyStopping() != null && TrialEarlyStopping.SUCCESSIVE_HALVING.equals(spec.earlyStopping().type())) {
      halving = new SuccessiveHalving(spec.earlyStopping(), spec.objective());
    }
    startedAtMillis = Workflow.currentTimeMillis();
    changed();
    try {
      loop();
    } catch (CanceledFailure e) {
      // Cancelled from outside (the Temporal UI): the trials' scopes are cancelled with ours.
      Workflow.newDetachedCancellationScope(
              () -> {
                for (RunningTrial t : running.values()) {
                  ended(t.number, TrialStatus.CANCELLED, null, last(t.number).metrics(), "the tuning job was cancelled");
                }
                running.clear();
                finish(TuningJobStatus.CANCELLED, "the tuning job's workflow was cancelled");
              })
          .run();
      throw e;
    }
    if (cancelReason != null) {
      finish(TuningJobStatus.CANCELLED, cancelReason);
    } else if (best() == null) {
      finish(TuningJobStatus.FAILED, "no trial completed with a value of " + spec.objective().metric());
    } else {
      finish(TuningJobStatus.COMPLETED, null);
    }
    return snapshot();
  }

  private void loop() {
    while (true) {
      if (cancelReason != null && !cancelHandled) {
        cancelHandled = true;
        // a trial already being stopped early stays stopped_early
        running.values().stream().filter(t -> t.stopping == null).forEach(t -> stop(t, TrialStatus.CANCELLED));
      }
      while (cancelReason == null && trials.size() < spec.maxTrials() && running.size() < spec.parallelism()) {
        startTrial(trials.size() + 1);
      }
      if (running.isEmpty()) {
        return;
      }
      project();
      Workflow.await(this::needsLoop);
      handleReports();
      collectEnded();
    }
  }

  private boolean needsLoop() {
    return !inbox.isEmpty()
        || (cancelReason != null && !cancelHandled)
        || running.values().stream().anyMatch(t -> t.result.isCompleted());
  }

  private void startTrial(int number) {
    Map<String, Object> params = HyperparameterSampler.suggest(spec, number, observations(), stoppedParams());
    long now = Workflow.currentTimeMillis();
    trials.add(new TrialRecord(number, null, params, TrialStatus.RUNNING, null, Map.of(), null, null, now, null));
    changed();
    TrainingRunInput run;
    try {
      run = records.createTrialRun(new TrialRunRequest(input.jobId(), number, input.jobName(), params, TrialTemplates.trial(input.baseTemplate(), params)));
    } catch (ActivityFailure e) {
      log.warn("tuning job {}: the run of trial {} could not be created: {}", input.jobId(), number, e.getMessage());
      ended(number, TrialStatus.FAILED, null, Map.of(), "its run could not be created: " + rootMessage(e));
      return;
    }
    set(number, new TrialRecord(number, run.runId(), params, TrialStatus.RUNNING, null, Map.of(), null, null, now, null));
    RunningTrial trial = new RunningTrial(number, run.runId());
    TrainingRunWorkflow child = Workflow.newChildWorkflowStub(TrainingRunWorkflow.class, TuningOptions.trial(run.runId()));
    trial.scope = Workflow.newCancellationScope(() -> trial.result = Async.function(child::run, run));
    trial.scope.run();
    try {
      Workflow.getWorkflowExecution(child).get();
    } catch (ChildWorkflowFailure e) {
      log.warn("tuning job {}: run {} of trial {} could not start: {}", input.jobId(), run.runId(), number, e.getMessage());
      records.markRunNotStarted(run.runId(), "its workflow could not be started: " + rootMessage(e));
      ended(number, TrialStatus.FAILED, null, Map.of(), "its run's workflow could not be started: " + rootMessage(e));
      return;
    }
    log.info("tuning job {}: trial {} started run {} with {}", input.jobId(), number, run.runId(), params);
    running.put(number, trial);
    trialOfRun.put(run.runId(), number);
  }

  /** Step reports in arrival order: recorded on the trial, then judged by successive halving. */
  private void handleReports() {
    while (!inbox.isEmpty()) {
      TrialReport report = inbox.remove(0);
      Integer number = trialOfRun.get(report.runId());
      RunningTrial trial = number == null ? null : running.get(number);
      if (trial == null || trial.stopping != null) {
        continue; // a late report of a trial that ended or is being stopped
      }
      TrialRecord r = last(number);
      Map<String, Double> metrics = report.metrics() != null ? Map.copyOf(report.metrics()) : Map.of();
      set(number, new TrialRecord(number, r.runId(), r.params(), r.status(), null, metrics, report.step(), null, r.startedAtMillis(), null));
      Double value = spec.objective().stepValue(metrics);
      if (halving != null && value != null && halving.shouldStop(number, report.step(), value)) {
        log.info("tuning job {}: trial {} stopped at step {} ({} = {})", input.jobId(), number, report.step(), spec.objective().stepMetric(), value);
        stop(trial, TrialStatus.STOPPED_EARLY);
      }
    }
  }

  private void stop(RunningTrial trial, TrialStatus why) {
    trial.stopping = why;
    trial.scope.cancel(why == TrialStatus.STOPPED_EARLY ? "stopped early by successive halving" : "the tuning job was cancelled");
  }

  /** Trials whose runs ended, in trial order. */
  private void collectEnded() {
    List<RunningTrial> done = running.values().stream().filter(t -> t.result.isCompleted()).toList();
    for (RunningTrial t : done) {
      running.remove(t.number);
      TrialRecord r = last(t.number);
      try {
        RunProgress progress = t.result.get();
        ranToEnd(t, progress);
      } catch (TemporalFailure e) {
        if (t.stopping != null) {
          ended(t.number, t.stopping, null, r.metrics(), null);
        } else if (e instanceof ChildWorkflowFailure && e.getCause() instanceof CanceledFailure) {
          ended(t.number, TrialStatus.CANCELLED, null, r.metrics(), "its run was cancelled");
        } else {
          ended(t.number, TrialStatus.FAILED, null, r.metrics(), rootMessage(e));
        }
      }
    }
  }

  private void ranToEnd(RunningTrial t, RunProgress progress) {
    TrialRecord r = last(t.number);
    RunStatus runStatus = progress.status();
    if (runStatus == RunStatus.COMPLETED || runStatus == RunStatus.NOT_BLESSED) {
      Map<String, Double> metrics =
          progress.evaluation() != null && progress.evaluation().metrics() != null ? progress.evaluation().metrics() : Map.of();
      Double value = metrics.get(spec.objective().metric());
      if (value == null || value.isNaN()) {
        ended(t.number, TrialStatus.FAILED, null, metrics,
            "its run's metrics have no value of " + spec.objective().metric() + " (it has " + new java.util.TreeSet<>(metrics.keySet()) + ")");
      } else {
        ended(t.number, TrialStatus.COMPLETED, value, metrics, null);
      }
    } else if (runStatus == RunStatus.CANCELLED) {
      TrialStatus status = t.stopping != null ? t.stopping : TrialStatus.CANCELLED;
      ended(t.number, status, null, r.metrics(), t.stopping != null ? null : "its run was cancelled");
    } else {
      ended(t.number, TrialStatus.FAILED, null, r.metrics(), progress.errorMessage() != null ? progress.errorMessage() : "its run ended " + runStatus.value());
    }
  }

  private void ended(int number, TrialStatus status, Double value, Map<String, Double> metrics, String message) {
    TrialRecord r = last(number);
    set(number, new TrialRecord(number, r.runId(), r.params(), status, value, metrics, r.lastStep(), message, r.startedAtMillis(), Workflow.currentTimeMillis()));
  }

  private void finish(TuningJobStatus end, String message) {
    status = end;
    error = message;
    finishedAtMillis = Workflow.currentTimeMillis();
    changed();
    project();
  }

  private List<HyperparameterSampler.Observation> observations() {
    return trials.stream()
        .filter(t -> t.status() == TrialStatus.COMPLETED && t.objectiveValue() != null)
        .map(t -> new HyperparameterSampler.Observation(t.params(), t.objectiveValue()))
        .toList();
  }

  private List<Map<String, Object>> stoppedParams() {
    return trials.stream().filter(t -> t.status() == TrialStatus.STOPPED_EARLY).map(TrialRecord::params).toList();
  }

  /** The best completed trial; ties go to the earlier one. */
  private TrialRecord best() {
    TrialRecord best = null;
    for (TrialRecord t : trials) {
      if (t.status() == TrialStatus.COMPLETED && t.objectiveValue() != null
          && (best == null || spec.objective().better(t.objectiveValue(), best.objectiveValue()))) {
        best = t;
      }
    }
    return best;
  }

  private TrialRecord last(int number) {
    return trials.get(number - 1);
  }

  private void set(int number, TrialRecord record) {
    trials.set(number - 1, record);
    changed();
  }

  private void changed() {
    revision++;
  }

  private void project() {
    if (revision > projectedRevision) {
      TuningProgress snapshot = snapshot();
      records.projectTuningJob(snapshot);
      projectedRevision = snapshot.revision();
    }
  }

  private TuningProgress snapshot() {
    TrialRecord best = best();
    return new TuningProgress(
        input.jobId(), status, List.copyOf(trials), best == null ? null : best.trialNumber(), best == null ? null : best.objectiveValue(),
        error, revision, startedAtMillis, finishedAtMillis);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void trialReport(TrialReport report) {
    if (report != null) {
      inbox.add(report);
    }
  }

  @Override
  public void cancel(String reason) {
    if (cancelReason == null && !status.ended()) {
      cancelReason = reason != null && !reason.isBlank() ? reason : "cancelled";
    }
  }

  @Override
  public TuningProgress progress() {
    return input == null ? null : snapshot();
  }
}
