package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.RecordActivityOptions;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.DriftVerdict;
import dev.trainflow.workflows.activities.PipelineDataActivities;
import dev.trainflow.workflows.activities.PipelineNotification;
import dev.trainflow.workflows.activities.PipelineRecordActivities;
import dev.trainflow.workflows.activities.PipelineTaskRunRequest;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Runs a pipeline's DAG. A task starts once every dependency has ended; what it needs of them
 * depends on its kind:
 *
 * <ul>
 *   <li>{@code validate_data}, {@code check_drift} and {@code train}: every dependency succeeded,
 *       else the task is skipped, so a failed validation stops the trainings behind it and nothing
 *       else; a train task behind a {@code check_drift} that found no drift is skipped too, and
 *       such skips (with what they leave nothing to do for) do not count against the outcome;
 *   <li>{@code evaluate_models}: its non-train dependencies succeeded and at least one of its train
 *       dependencies trained a model; it takes the evaluations of exactly those models (each run's
 *       own Evaluate stage, against its blessing threshold);
 *   <li>{@code register_models}: at least one model its dependencies evaluated; it reports, per
 *       model, the version the run registered (only blessed or pushed models are) and, for every
 *       model of the pipeline that did not register, the version still in service;
 *   <li>{@code notify}: every dependency ended, however: it reports failures as much as successes.
 *       It posts the run's per-task report so far to its URL; a delivery that fails for good fails
 *       this task alone (the tasks behind it are skipped, as behind any failed task).
 * </ul>
 *
 * A train task is one child {@code TrainingRunWorkflow} per attempt, created like any run; its
 * failure ends only its own branch. The run ends {@code succeeded} when every task succeeded,
 * {@code partially_succeeded} when some did not but a model was trained, else {@code failed}.
 */
public class TrainingPipelineWorkflowImpl implements TrainingPipelineWorkflow {
  private static final Logger log = Workflow.getLogger(TrainingPipelineWorkflowImpl.class);

  private final PipelineRecordActivities records =
      Workflow.newActivityStub(PipelineRecordActivities.class, RecordActivityOptions.bounded());

  private final Map<String, Promise<TaskOutcome>> running = new LinkedHashMap<>();
  /** check_drift tasks that found no drift, and the tasks skipped because of them: not failures. */
  private final Set<String> gated = new HashSet<>();
  private final Set<String> noDrift = new HashSet<>();
  private PipelineRunInput input;
  private PipelineState state;
  private int projectedRevision = -1;

  /** How a task ended, for the task report. */
  private record TaskOutcome(TaskStatus status, String message, int attempts, List<String> models) {}

  @Override
  public PipelineRunProgress run(PipelineRunInput input) {
    this.input = input;
    state = new PipelineState(input);
    state.started(Workflow.currentTimeMillis());
    project();
    while (!state.allEnded()) {
      for (PipelineTask task : input.tasks()) {
        if (state.status(task.taskId()) == TaskStatus.PENDING && dependenciesEnded(task)) {
          Optional<String> blocked = blocked(task);
          if (blocked.isPresent()) {
            if (gatedOut(task)) {
              gated.add(task.taskId());
            }
            state.end(task.taskId(), TaskStatus.SKIPPED, blocked.get(), 0, List.of(), Workflow.currentTimeMillis());
          } else {
            state.start(task, Workflow.currentTimeMillis());
            running.put(task.taskId(), Async.function(this::execute, task));
          }
        }
      }
      project();
      if (state.allEnded()) {
        break;
      }
      Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
      for (String taskId : List.copyOf(running.keySet())) {
        Promise<TaskOutcome> promise = running.get(taskId);
        if (promise.isCompleted()) {
          running.remove(taskId);
          TaskOutcome outcome = promise.get();
          log.info("pipeline run {}: task {} {}: {}", input.pipelineRunId(), taskId, outcome.status().value(), outcome.message());
          state.end(taskId, outcome.status(), outcome.message(), outcome.attempts(), outcome.models(), Workflow.currentTimeMillis());
        }
      }
    }
    PipelineStatus outcome = outcome();
    state.finish(outcome, summary(), Workflow.currentTimeMillis());
    notifyEnd(outcome);
    project();
    return state.snapshot();
  }

  /** The run's webhook, if it has one for this outcome; a delivery that fails for good is noted in the message. */
  private void notifyEnd(PipelineStatus outcome) {
    Webhook hook = outcome == PipelineStatus.SUCCEEDED ? input.onSuccess() : input.onFailure();
    if (hook == null) {
      return;
    }
    String event = outcome == PipelineStatus.SUCCEEDED ? "pipeline_run.succeeded" : "pipeline_run.failed";
    PipelineRecordActivities webhooks = Workflow.newActivityStub(PipelineRecordActivities.class, PipelineOptions.webhook());
    try {
      webhooks.notifyWebhook(new PipelineNotification(hook.url(), event, input.pipelineName(), state.snapshot()));
    } catch (ActivityFailure e) {
      log.warn("pipeline run {}: webhook {} failed: {}", input.pipelineRunId(), event, message(e));
      state.note("webhook " + event + " not delivered: " + message(e));
    }
  }

  private boolean dependenciesEnded(PipelineTask task) {
    return task.dependsOn().stream().allMatch(d -> state.status(d).ended());
  }

  /**
   * Whether a task is skipped only because of drift gates: a dependency found no drift, or every
   * dependency that did not succeed was itself gated out.
   */
  private boolean gatedOut(PipelineTask task) {
    List<String> notSucceeded = task.dependsOn().stream().filter(d -> state.status(d) != TaskStatus.SUCCEEDED).toList();
    boolean anyNoDrift = task.dependsOn().stream().anyMatch(noDrift::contains);
    return (anyNoDrift || !notSucceeded.isEmpty()) && notSucceeded.stream().allMatch(gated::contains);
  }

  /** Why a task whose dependencies ended cannot run, if it cannot. */
  private Optional<String> blocked(PipelineTask task) {
    List<String> stable = task.dependsOn().stream().filter(noDrift::contains).toList();
    if (task.kind().equals(PipelineTask.TRAIN) && !stable.isEmpty()) {
      return Optional.of("no drift above the thresholds in " + String.join(", ", stable) + ": retraining not needed");
    }
    List<String> notSucceeded =
        task.dependsOn().stream().filter(d -> state.status(d) != TaskStatus.SUCCEEDED).toList();
    switch (task.kind()) {
      case PipelineTask.NOTIFY -> {
        return Optional.empty();
      }
      case PipelineTask.EVALUATE_MODELS -> {
        List<String> nonTrain = notSucceeded.stream().filter(d -> !kind(d).equals(PipelineTask.TRAIN)).toList();
        if (!nonTrain.isEmpty()) {
          return Optional.of("dependency " + String.join(", ", nonTrain) + " did not succeed");
        }
        return trainedModels(task).isEmpty() ? Optional.of("no model of its dependencies was trained") : Optional.empty();
      }
      case PipelineTask.REGISTER_MODELS -> {
        return evaluatedModels(task).isEmpty() ? Optional.of("no model of its dependencies was evaluated") : Optional.empty();
      }
      default -> {
        return notSucceeded.isEmpty()
            ? Optional.empty()
            : Optional.of("dependency " + String.join(", ", notSucceeded) + " did not succeed");
      }
    }
  }

  private TaskOutcome execute(PipelineTask task) {
    return switch (task.kind()) {
      case PipelineTask.VALIDATE_DATA -> validate(task);
      case PipelineTask.CHECK_DRIFT -> checkDrift(task);
      case PipelineTask.TRAIN -> train(task);
      case PipelineTask.EVALUATE_MODELS -> evaluate(task);
      case PipelineTask.REGISTER_MODELS -> register(task);
      case PipelineTask.NOTIFY -> notifyTask(task);
      default -> new TaskOutcome(TaskStatus.FAILED, "unknown task kind '" + task.kind() + "'", 0, List.of());
    };
  }

  private TaskOutcome validate(PipelineTask task) {
    PipelineDataActivities data = Workflow.newActivityStub(PipelineDataActivities.class, PipelineOptions.validation(task));
    try {
      String summary = data.validateData(input.pipelineRunId(), task.taskId(), task.datasetId());
      return new TaskOutcome(TaskStatus.SUCCEEDED, summary, 1, List.of());
    } catch (ActivityFailure e) {
      return new TaskOutcome(TaskStatus.FAILED, message(e), 1, List.of());
    }
  }

  private TaskOutcome checkDrift(PipelineTask task) {
    PipelineDataActivities data = Workflow.newActivityStub(PipelineDataActivities.class, PipelineOptions.validation(task));
    try {
      DriftVerdict verdict = data.checkDrift(input.pipelineRunId(), task.taskId(), task.datasetId(), task.drift());
      if (!verdict.drifted()) {
        noDrift.add(task.taskId());
      }
      return new TaskOutcome(TaskStatus.SUCCEEDED, verdict.message(), 1, List.of());
    } catch (ActivityFailure e) {
      return new TaskOutcome(TaskStatus.FAILED, message(e), 1, List.of());
    }
  }

  /**
   * One run per attempt. A retry is a new run (a failed run's workflow id is never reused), and
   * only after a failure whose reason may pass on a retry.
   */
  private TaskOutcome train(PipelineTask task) {
    String model = task.template().mlModelName();
    ModelOutcome outcome = null;
    for (int attempt = 1; attempt <= task.attempts(); attempt++) {
      TrainingRunInput run =
          records.createTaskRun(new PipelineTaskRunRequest(input.pipelineRunId(), task.taskId(), attempt, input.pipelineName(), task.template()));
      state.model(new ModelOutcome(task.taskId(), model, run.runId(), attempt, "running", null, null, false, false, null, null, false, null, null));
      project();
      TrainingRunWorkflow child = Workflow.newChildWorkflowStub(TrainingRunWorkflow.class, PipelineOptions.run(run.runId(), task));
      try {
        RunProgress progress = child.run(run);
        outcome = trained(task, run.runId(), attempt, progress);
        break;
      } catch (ChildWorkflowFailure e) {
        String reason = failureReason(e);
        String message = message(e);
        outcome = new ModelOutcome(task.taskId(), model, run.runId(), attempt, statusOf(e), reason, message, false, false, null, null, false, null, null);
        boolean retryable = reason != null && !reason.equals("cancelled") && FailureReason.fromType(reason).retryable();
        if (!retryable || attempt == task.attempts()) {
          break;
        }
        log.info("pipeline run {}: task {} attempt {} failed ({}), retrying", input.pipelineRunId(), task.taskId(), attempt, reason);
      }
    }
    state.model(outcome);
    TaskStatus status = outcome.trained() ? TaskStatus.SUCCEEDED : TaskStatus.FAILED;
    String message =
        outcome.trained()
            ? "run " + outcome.runId() + " " + outcome.runStatus()
            : "run " + outcome.runId() + " " + outcome.runStatus() + (outcome.failureReason() != null ? " (" + outcome.failureReason() + ")" : "") + ": " + outcome.message();
    return new TaskOutcome(status, message, outcome.attempts(), List.of(model));
  }

  private static ModelOutcome trained(PipelineTask task, long runId, int attempt, RunProgress progress) {
    RunStatus status = progress.status();
    boolean trained = status == RunStatus.COMPLETED || status == RunStatus.NOT_BLESSED;
    var evaluation = progress.evaluation();
    var registration = progress.registration();
    return new ModelOutcome(
        task.taskId(), task.template().mlModelName(), runId, attempt, status.value(), progress.errorReason(),
        trained ? (evaluation != null ? evaluation.summary() : null) : progress.errorMessage(),
        trained, false, evaluation == null ? null : evaluation.blessed(), evaluation == null ? null : evaluation.metrics(),
        registration != null, registration == null ? null : registration.modelVersion(), null);
  }

  private TaskOutcome evaluate(PipelineTask task) {
    List<String> covered = new ArrayList<>();
    List<String> blessed = new ArrayList<>();
    for (ModelOutcome m : trainedModels(task)) {
      state.model(m.withEvaluation(true));
      covered.add(m.mlModelName());
      if (Boolean.TRUE.equals(m.blessed())) {
        blessed.add(m.mlModelName());
      }
    }
    return new TaskOutcome(
        TaskStatus.SUCCEEDED,
        covered.size() + " model(s) evaluated, blessed: " + (blessed.isEmpty() ? "none" : String.join(", ", blessed)),
        1, covered);
  }

  private TaskOutcome register(PipelineTask task) {
    List<ModelOutcome> evaluated = evaluatedModels(task);
    List<String> names = input.tasks().stream().filter(t -> t.kind().equals(PipelineTask.TRAIN)).map(t -> t.template().mlModelName()).distinct().toList();
    Map<String, Integer> serving = records.servingVersions(names);
    List<String> registered = new ArrayList<>();
    List<String> covered = new ArrayList<>();
    for (PipelineTask train : input.tasks()) {
      ModelOutcome m = state.model(train.taskId());
      if (m == null) {
        continue;
      }
      boolean inScope = evaluated.stream().anyMatch(e -> e.taskId().equals(m.taskId()));
      boolean isRegistered = inScope && m.registered();
      state.model(m.withRegistration(isRegistered, serving.get(m.mlModelName())));
      if (inScope) {
        covered.add(m.mlModelName());
      }
      if (isRegistered) {
        registered.add(m.mlModelName() + " v" + m.registeredVersion());
      }
    }
    return new TaskOutcome(
        TaskStatus.SUCCEEDED,
        "registered: " + (registered.isEmpty() ? "none" : String.join(", ", registered)),
        1, covered);
  }

  private TaskOutcome notifyTask(PipelineTask task) {
    PipelineRecordActivities webhooks = Workflow.newActivityStub(PipelineRecordActivities.class, PipelineOptions.notify(task));
    try {
      webhooks.notifyWebhook(
          new PipelineNotification(task.url(), PipelineNotification.NOTIFY_EVENT, input.pipelineName(), state.snapshot(), task.taskId()));
      return new TaskOutcome(TaskStatus.SUCCEEDED, "report posted to " + task.url(), 1, List.of());
    } catch (ActivityFailure e) {
      return new TaskOutcome(TaskStatus.FAILED, "not delivered: " + message(e), 1, List.of());
    }
  }

  /** The models of the task's train dependencies that trained. */
  private List<ModelOutcome> trainedModels(PipelineTask task) {
    return task.dependsOn().stream()
        .filter(d -> kind(d).equals(PipelineTask.TRAIN))
        .map(state::model)
        .filter(m -> m != null && m.trained())
        .toList();
  }

  /** The models that the task's dependencies evaluated (or, for train dependencies, trained). */
  private List<ModelOutcome> evaluatedModels(PipelineTask task) {
    List<ModelOutcome> out = new ArrayList<>();
    for (String d : task.dependsOn()) {
      PipelineTask dep = task(d);
      if (state.status(d) != TaskStatus.SUCCEEDED) {
        continue;
      }
      if (dep.kind().equals(PipelineTask.EVALUATE_MODELS)) {
        trainedModels(dep).forEach(m -> out.add(state.model(m.taskId())));
      } else if (dep.kind().equals(PipelineTask.TRAIN) && state.model(d) != null && state.model(d).trained()) {
        out.add(state.model(d));
      }
    }
    return out;
  }

  private PipelineStatus outcome() {
    List<TaskReport> tasks = state.taskReports();
    if (tasks.stream().allMatch(t -> t.status() == TaskStatus.SUCCEEDED || gated.contains(t.taskId()))) {
      return PipelineStatus.SUCCEEDED;
    }
    boolean anyTrained =
        input.tasks().stream()
            .filter(t -> t.kind().equals(PipelineTask.TRAIN))
            .anyMatch(t -> state.model(t.taskId()) != null && state.model(t.taskId()).trained());
    return anyTrained ? PipelineStatus.PARTIALLY_SUCCEEDED : PipelineStatus.FAILED;
  }

  private String summary() {
    long ok = state.taskReports().stream().filter(t -> t.status() == TaskStatus.SUCCEEDED).count();
    List<String> failed = state.taskReports().stream().filter(t -> t.status() == TaskStatus.FAILED).map(TaskReport::taskId).toList();
    List<String> skipped = state.taskReports().stream().filter(t -> t.status() == TaskStatus.SKIPPED).map(TaskReport::taskId).toList();
    return ok + " of " + state.taskReports().size() + " tasks succeeded"
        + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed))
        + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped));
  }

  private PipelineTask task(String id) {
    return input.tasks().stream().filter(t -> t.taskId().equals(id)).findFirst().orElseThrow();
  }

  private String kind(String taskId) {
    return task(taskId).kind();
  }

  private static String failureReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a) {
        return a.getType();
      }
      if (t instanceof TimeoutFailure) {
        return FailureReason.TIMEOUT_EXCEEDED.type();
      }
      if (t instanceof CanceledFailure) {
        return "cancelled";
      }
    }
    return null;
  }

  private static String statusOf(ChildWorkflowFailure e) {
    return e.getCause() instanceof CanceledFailure ? RunStatus.CANCELLED.value() : RunStatus.FAILED.value();
  }

  /** The innermost message: the activity's or the run's own words, not Temporal's wrapping. */
  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
  }

  /**
   * Projects the state if it changed. Train tasks project from their own workflow threads, so two
   * projections can be in flight at once and land out of order: the revision they carry lets the
   * store keep the newest.
   */
  private void project() {
    PipelineRunProgress progress = state.snapshot();
    if (progress.revision() == projectedRevision) {
      return;
    }
    projectedRevision = progress.revision();
    records.projectPipelineRun(progress);
  }

  @Override
  public PipelineRunProgress progress() {
    return state == null ? null : state.snapshot();
  }
}
