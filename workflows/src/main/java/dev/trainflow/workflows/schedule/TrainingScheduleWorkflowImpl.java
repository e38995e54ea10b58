package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.activities.ScheduleRecordActivities;
import dev.trainflow.workflows.activities.ScheduledPipelineRun;
import dev.trainflow.workflows.activities.ScheduledPipelineRunRequest;
import dev.trainflow.workflows.activities.ScheduledRun;
import dev.trainflow.workflows.activities.ScheduledRunRequest;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.PipelineRunProgress;
import dev.trainflow.workflows.pipeline.PipelineStatus;
import dev.trainflow.workflows.pipeline.TrainingPipelineWorkflow;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import dev.trainflow.workflows.spec.FieldError;
import dev.trainflow.workflows.spec.ScheduleCalendar;
import dev.trainflow.workflows.spec.ScheduleSpec;
import dev.trainflow.workflows.spec.SpecValidator;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The schedule workflow: one loop that sleeps on a durable timer until the next fire time (or until
 * a control, or a run ending, wakes it), fires, and projects its state to PostgreSQL.
 *
 * <p>Determinism: fire times come from {@link ScheduleCalendar} inside {@code Workflow.sideEffect},
 * so a replay on a JVM with other time-zone rules reads the recorded times; everything else is
 * workflow time and activity results. Each run is a child workflow whose result promise the loop
 * watches; because a promise does not cross a continue-as-new, the workflow continues as new only
 * when no run is going (see docs/architecture.md).
 */
public class TrainingScheduleWorkflowImpl implements TrainingScheduleWorkflow {
  private static final Logger log = Workflow.getLogger(TrainingScheduleWorkflowImpl.class);
  /** Bounds the count of missed fires after a long outage of a minutely schedule. */
  private static final int MAX_MISSED_FIRES_COUNTED = 100_000;
  /** The version marker of a pipeline schedule's fires. */
  static final String PIPELINE_FIRES = "schedule-fires-pipeline";

  private final ScheduleRecordActivities records =
      Workflow.newActivityStub(ScheduleRecordActivities.class, ScheduleOptions.records());

  /** Runs going (training runs, or pipeline runs for a pipeline schedule), by id, in start order. */
  private final Map<Long, Promise<RunStatus>> running = new LinkedHashMap<>();
  private TrainingScheduleInput input;
  private ScheduleState state;
  private long projectedRevision;
  private int triggersRequested;
  private int triggersHandled;
  private boolean cancelRunning;
  private boolean wake;

  @Override
  public ScheduleProgress run(TrainingScheduleInput input) {
    this.input = input;
    if (input.carried() != null) {
      state = ScheduleState.from(input.carried());
      projectedRevision = input.carried().revision();
    } else {
      state = ScheduleState.start(input.scheduleId(), input.spec());
      state.nextFireAt(nextFireAfter(Workflow.currentTimeMillis()));
    }
    try {
      return loop();
    } catch (CanceledFailure e) {
      // Cancelled from outside (the Temporal UI): record it, leave the runs alone, end Canceled.
      Workflow.newDetachedCancellationScope(
              () -> {
                state.cancel();
                project();
              })
          .run();
      throw e;
    }
  }

  private ScheduleProgress loop() {
    while (true) {
      wake = false;
      collectEndedRuns();
      if (state.status() == ScheduleStatus.CANCELLED) {
        return finish("the schedule was cancelled");
      }
      if (running.isEmpty() && state.bufferedFireAtMillis() != null) {
        startRun(state.takeBuffered(), "buffered fire");
      }
      while (triggersHandled < triggersRequested) {
        fireTriggered();
        triggersHandled++;
      }
      if (running.isEmpty() && state.hasBackfill()) {
        startRun(state.takeBackfill(), "backfill");
      }
      Long due = state.nextFireAtMillis();
      if (state.status() == ScheduleStatus.ACTIVE && due != null && Workflow.currentTimeMillis() >= due) {
        fireDue(due);
      }
      if (state.nextFireAtMillis() == null && idle()) {
        state.complete();
        return finish("the schedule has no fire times left");
      }
      project();
      if (readyToContinueAsNew()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (readyToContinueAsNew() && state.revision() == projectedRevision) {
          log.info("schedule {} continues as new after {} events", input.scheduleId(), Workflow.getInfo().getHistoryLength());
          Workflow.continueAsNew(
              new TrainingScheduleInput(
                  input.scheduleId(),
                  input.scheduleName(),
                  state.spec(),
                  input.template(),
                  input.policies(),
                  state.snapshot(),
                  input.tuning(),
                  input.pipelineId()));
        }
      }
      awaitNextEvent();
    }
  }

  /** Sleeps until the next fire time (a durable timer) or until something needs the loop. */
  private void awaitNextEvent() {
    Long next = state.status() == ScheduleStatus.ACTIVE ? state.nextFireAtMillis() : null;
    if (next == null) {
      Workflow.await(this::needsLoop);
      return;
    }
    long wait = next - Workflow.currentTimeMillis();
    if (wait > 0) {
      Workflow.await(Duration.ofMillis(wait), this::needsLoop);
    }
  }

  private boolean needsLoop() {
    return wake || state.revision() > projectedRevision || running.values().stream().anyMatch(Promise::isCompleted);
  }

  private boolean idle() {
    return running.isEmpty() && state.bufferedFireAtMillis() == null && !state.hasBackfill()
        && triggersHandled == triggersRequested;
  }

  private boolean readyToContinueAsNew() {
    boolean longHistory =
        Workflow.getInfo().getHistoryLength() >= tuning().continueAsNewAfter()
            || Workflow.getInfo().isContinueAsNewSuggested();
    // Backfill fires may wait in the carried state; a run going or a buffered fire may not.
    return longHistory && running.isEmpty() && state.bufferedFireAtMillis() == null && triggersHandled == triggersRequested;
  }

  private void fireDue(long due) {
    long now = Workflow.currentTimeMillis();
    // Handled later than the tolerance, the fire was missed: the worker was down, or it was paused.
    if (now - due <= tuning().missedFireTolerance()) {
      state.nextFireAt(nextFireAfter(due));
      fire(due, "scheduled");
      return;
    }
    FireTimes missed = missedFires(due, now);
    state.nextFireAt(nextFireAfter(now));
    if (SchedulePolicies.CATCH_UP_RUN_ONCE.equals(policies().catchUp())) {
      log.info("schedule {} missed {} fire(s); catching up with one run", input.scheduleId(), missed.count());
      state.skipFires(missed.count() - 1);
      fire(missed.last(), "catch-up of " + missed.count() + " missed fire(s)");
    } else {
      log.info("schedule {} missed {} fire(s); skipped (catch_up_policy skip)", input.scheduleId(), missed.count());
      state.skipFires(missed.count());
    }
  }

  private void fireTriggered() {
    Long onceTime = state.nextFireAtMillis();
    if (ScheduleSpec.ONCE.equals(state.spec().type()) && onceTime != null) {
      // The one fire of a once schedule, brought forward: the same run (and its reserved row).
      state.nextFireAt(null);
      fire(onceTime, "triggered");
    } else {
      fire(Workflow.currentTimeMillis(), "triggered");
    }
  }

  /** Applies the overlap policy, then starts the fire's run. */
  private void fire(long fireAtMillis, String why) {
    if (!running.isEmpty()) {
      switch (policies().overlap()) {
        case SchedulePolicies.OVERLAP_ALLOW -> {}
        case SchedulePolicies.OVERLAP_BUFFER_ONE -> {
          log.info("schedule {}: {} fire buffered while run(s) {} go on", input.scheduleId(), why, running.keySet());
          state.buffer(fireAtMillis);
          return;
        }
        default -> {
          log.info("schedule {}: {} fire skipped while run(s) {} go on", input.scheduleId(), why, running.keySet());
          state.skipFires(1);
          return;
        }
      }
    }
    startRun(fireAtMillis, why);
  }

  private void startRun(long fireAtMillis, String why) {
    if (input.pipelineId() != null) {
      startPipelineRun(fireAtMillis, why);
      return;
    }
    ScheduledRun run;
    try {
      run =
          records.createScheduledRun(
              new ScheduledRunRequest(
                  input.scheduleId(), input.scheduleName(), fireAtMillis, state.spec().timeZone(), input.template()));
    } catch (ActivityFailure e) {
      log.warn("schedule {}: the run of the {} fire could not be created: {}", input.scheduleId(), why, e.getMessage());
      state.fireFailed(null, fireAtMillis);
      afterFailure();
      return;
    }
    long runId = run.input().runId();
    if (!run.startable()) {
      log.info("schedule {}: fire {} already has run {} ({}); not started again", input.scheduleId(), fireAtMillis, runId, run.status());
      state.skipFires(1);
      return;
    }
    TrainingRunWorkflow child = Workflow.newChildWorkflowStub(TrainingRunWorkflow.class, ScheduleOptions.run(runId));
    Promise<RunStatus> result = Async.function(child::run, run.input()).handle(TrainingScheduleWorkflowImpl::outcome);
    try {
      Workflow.getWorkflowExecution(child).get();
    } catch (ChildWorkflowFailure e) {
      if (e.getCause() instanceof WorkflowExecutionAlreadyStarted) {
        log.info("schedule {}: run {} was started already", input.scheduleId(), runId);
        state.skipFires(1);
        return;
      }
      log.warn("schedule {}: run {} could not start: {}", input.scheduleId(), runId, e.getMessage());
      records.markRunNotStarted(runId, "its workflow could not be started: " + e.getMessage());
      state.fireFailed(runId, fireAtMillis);
      afterFailure();
      return;
    }
    log.info("schedule {}: {} fire started run {} ({})", input.scheduleId(), why, runId, TrainingRunInput.workflowId(runId));
    running.put(runId, result);
    state.runStarted(runId, fireAtMillis);
  }

  /**
   * A pipeline schedule's fire: a run of the pipeline, as {@code POST /api/pipelines/{id}/runs}
   * starts one, as a child. Only pipeline schedules take this path (no recorded history of a
   * training schedule does), and the version marker lets it change later without breaking theirs.
   */
  private void startPipelineRun(long fireAtMillis, String why) {
    Workflow.getVersion(PIPELINE_FIRES, Workflow.DEFAULT_VERSION, 1);
    ScheduledPipelineRun run;
    try {
      run = records.createScheduledPipelineRun(new ScheduledPipelineRunRequest(input.scheduleId(), input.pipelineId(), fireAtMillis));
    } catch (ActivityFailure e) {
      log.warn("schedule {}: the pipeline run of the {} fire could not be created: {}", input.scheduleId(), why, e.getMessage());
      state.fireFailed(null, fireAtMillis);
      afterFailure();
      return;
    }
    long runId = run.input().pipelineRunId();
    if (run.refusal() != null) {
      log.info("schedule {}: pipeline run {} of the {} fire not started: {}", input.scheduleId(), runId, why, run.refusal());
      state.fireFailed(runId, fireAtMillis);
      afterFailure();
      return;
    }
    if (!run.startable()) {
      log.info("schedule {}: fire {} already has pipeline run {}; not started again", input.scheduleId(), fireAtMillis, runId);
      state.skipFires(1);
      return;
    }
    TrainingPipelineWorkflow child = Workflow.newChildWorkflowStub(TrainingPipelineWorkflow.class, ScheduleOptions.pipelineRun(runId));
    Promise<RunStatus> result = Async.function(child::run, run.input()).handle(TrainingScheduleWorkflowImpl::pipelineOutcome);
    try {
      Workflow.getWorkflowExecution(child).get();
    } catch (ChildWorkflowFailure e) {
      if (e.getCause() instanceof WorkflowExecutionAlreadyStarted) {
        log.info("schedule {}: pipeline run {} was started already", input.scheduleId(), runId);
        state.skipFires(1);
        return;
      }
      log.warn("schedule {}: pipeline run {} could not start: {}", input.scheduleId(), runId, e.getMessage());
      records.markPipelineRunNotStarted(runId, "its workflow could not be started: " + e.getMessage());
      state.fireFailed(runId, fireAtMillis);
      afterFailure();
      return;
    }
    log.info("schedule {}: {} fire started pipeline run {} ({})", input.scheduleId(), why, runId, PipelineRunInput.workflowId(runId));
    running.put(runId, result);
    state.runStarted(runId, fireAtMillis);
  }

  /** A pipeline run counts as a completed run only when it succeeded; partial success is a failed fire. */
  private static RunStatus pipelineOutcome(PipelineRunProgress progress, RuntimeException failure) {
    if (failure != null) {
      return failure instanceof ChildWorkflowFailure && failure.getCause() instanceof CanceledFailure ? RunStatus.CANCELLED : RunStatus.FAILED;
    }
    return progress != null && progress.status() == PipelineStatus.SUCCEEDED ? RunStatus.COMPLETED : RunStatus.FAILED;
  }

  private void collectEndedRuns() {
    Iterator<Map.Entry<Long, Promise<RunStatus>>> it = running.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Promise<RunStatus>> entry = it.next();
      if (!entry.getValue().isCompleted()) {
        continue;
      }
      it.remove();
      RunStatus outcome = entry.getValue().get();
      log.info("schedule {}: run {} ended {}", input.scheduleId(), entry.getKey(), outcome.value());
      state.runEnded(entry.getKey(), outcome);
      if (outcome != RunStatus.COMPLETED && outcome != RunStatus.CANCELLED) {
        afterFailure();
      }
    }
  }

  /** A failed run never stops the schedule; only pause_after_failures may pause it. */
  private void afterFailure() {
    Integer limit = policies().pauseAfterFailures();
    if (limit != null && state.status() == ScheduleStatus.ACTIVE && state.consecutiveFailures() >= limit) {
      state.pause("paused after " + state.consecutiveFailures() + " consecutive failed runs (pause_after_failures " + limit + ")");
    }
  }

  private static RunStatus outcome(RunProgress progress, RuntimeException failure) {
    if (failure != null) {
      if (failure instanceof ChildWorkflowFailure e) {
        return e.getCause() instanceof CanceledFailure ? RunStatus.CANCELLED : RunStatus.FAILED;
      }
      throw failure;
    }
    return progress == null || progress.status() == null ? RunStatus.COMPLETED : progress.status();
  }

  private ScheduleProgress finish(String why) {
    if (cancelRunning) {
      for (Long runId : List.copyOf(running.keySet())) {
        try {
          Workflow.newExternalWorkflowStub(TrainingRunWorkflow.class, TrainingRunInput.workflowId(runId))
              .cancel("the schedule was cancelled with cancel_running");
        } catch (RuntimeException e) {
          log.info("run {} could not be signalled (it may have ended): {}", runId, e.getMessage());
        }
      }
      while (!running.isEmpty()) {
        Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
        collectEndedRuns();
      }
    }
    int released = records.cancelUnstartedRuns(input.scheduleId(), why);
    if (released > 0) {
      log.info("schedule {}: {} reserved run(s) cancelled: {}", input.scheduleId(), released, why);
    }
    project();
    Workflow.await(Workflow::isEveryHandlerFinished);
    project();
    return state.snapshot();
  }

  private void project() {
    if (state.revision() > projectedRevision) {
      ScheduleProgress snapshot = state.snapshot();
      records.projectSchedule(snapshot);
      projectedRevision = Math.max(projectedRevision, snapshot.revision());
    }
  }

  private ScheduleTuning tuning() {
    return input.tuning() != null ? input.tuning() : ScheduleTuning.defaults();
  }

  private SchedulePolicies policies() {
    return input.policies() != null ? input.policies().withDefaults() : SchedulePolicies.defaults();
  }

  private Long nextFireAfter(long afterMillis) {
    ScheduleSpec spec = state.spec();
    return Workflow.sideEffect(
            FireTimes.class,
            () -> {
              Long next = ScheduleCalendar.of(spec).nextAfter(afterMillis);
              return new FireTimes(next == null ? List.of() : List.of(next), 0);
            })
        .first();
  }

  /** Every fire time in [due, now]: the latest of them and how many there were. */
  private FireTimes missedFires(long due, long now) {
    ScheduleSpec spec = state.spec();
    return Workflow.sideEffect(
        FireTimes.class,
        () -> {
          ScheduleCalendar calendar = ScheduleCalendar.of(spec);
          long count = 1;
          long latest = due;
          for (Long t = calendar.nextAfter(due); t != null && t <= now && count < MAX_MISSED_FIRES_COUNTED; t = calendar.nextAfter(t)) {
            latest = t;
            count++;
          }
          return new FireTimes(List.of(latest), count - 1);
        });
  }

  // ---- controls -----------------------------------------------------------------------------

  @Override
  public ScheduleProgress pause(String reason) {
    awaitStarted();
    state.pause(reason == null || reason.isBlank() ? "paused by request" : reason);
    return answer();
  }

  @Override
  public void validatePause(String reason) {
    refuseIfEnded("pause");
    if (state != null && state.status() == ScheduleStatus.PAUSED) {
      throw new IllegalStateException("the schedule is already paused");
    }
  }

  @Override
  public ScheduleProgress resume() {
    awaitStarted();
    state.resume();
    return answer();
  }

  @Override
  public void validateResume() {
    refuseIfEnded("resume");
    if (state != null && state.status() != ScheduleStatus.PAUSED) {
      throw new IllegalStateException("the schedule is not paused");
    }
  }

  @Override
  public ScheduleProgress trigger() {
    awaitStarted();
    int ticket = ++triggersRequested;
    wake = true;
    Workflow.await(() -> triggersHandled >= ticket);
    return answer();
  }

  @Override
  public void validateTrigger() {
    refuseIfEnded("trigger");
    if (!running.isEmpty() && SchedulePolicies.OVERLAP_SKIP.equals(policies().overlap())) {
      throw new IllegalStateException(
          "run(s) " + running.keySet() + " of this schedule are going and its overlap_policy is skip");
    }
  }

  @Override
  public ScheduleProgress cancel(boolean cancelRunning) {
    awaitStarted();
    this.cancelRunning = this.cancelRunning || cancelRunning;
    state.cancel();
    return answer();
  }

  @Override
  public void validateCancel(boolean cancelRunning) {
    refuseIfEnded("cancel");
    if (cancelRunning && input != null && input.pipelineId() != null) {
      // a pipeline run has no cancel of its own yet: cancelling it from here would leave its row running
      throw new IllegalArgumentException("cancel_running is not supported for a pipeline schedule: its pipeline runs go on");
    }
  }

  @Override
  public ScheduleProgress updateSpec(ScheduleSpec spec) {
    awaitStarted();
    state.spec(spec.normalized());
    state.nextFireAt(nextFireAfter(Workflow.currentTimeMillis()));
    return answer();
  }

  @Override
  public void validateUpdateSpec(ScheduleSpec spec) {
    refuseIfEnded("change");
    List<FieldError> errors = new SpecValidator().schedule("schedule", spec, Workflow.currentTimeMillis()).errors();
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
  }

  @Override
  public ScheduleProgress backfill(BackfillRequest request) {
    awaitStarted();
    ScheduleSpec spec = state.spec();
    FireTimes fires =
        Workflow.sideEffect(
            FireTimes.class,
            () -> new FireTimes(
                ScheduleCalendar.of(spec).between(request.fromMillis(), request.toMillis(), BackfillRequest.MAX_FIRES), 0));
    int added = state.addBackfill(new ArrayList<>(fires.millis()));
    log.info("schedule {}: backfill queued {} fire(s)", input.scheduleId(), added);
    return answer();
  }

  @Override
  public void validateBackfill(BackfillRequest request) {
    refuseIfEnded("backfill");
    if (request.fromMillis() >= request.toMillis()) {
      throw new IllegalArgumentException("the backfill window must end after it starts");
    }
    if (request.toMillis() > Workflow.currentTimeMillis()) {
      throw new IllegalArgumentException("the backfill window must be in the past");
    }
  }

  @Override
  public ScheduleProgress progress() {
    return state == null ? null : state.snapshot();
  }

  /** An update can arrive with the workflow's first task, before {@link #run} set the state. */
  private void awaitStarted() {
    Workflow.await(() -> state != null);
  }

  private void refuseIfEnded(String action) {
    if (state != null && state.status().ended()) {
      throw new IllegalStateException("cannot " + action + " a schedule that is " + state.status().value());
    }
  }

  /** Wakes the loop and answers once it has projected this change, so REST reads it back. */
  private ScheduleProgress answer() {
    wake = true;
    long target = state.revision();
    Workflow.await(() -> projectedRevision >= target);
    return state.snapshot();
  }
}
