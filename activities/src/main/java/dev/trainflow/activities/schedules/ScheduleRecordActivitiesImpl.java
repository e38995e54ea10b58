package dev.trainflow.activities.schedules;

import dev.trainflow.activities.observability.ScheduleMeters;
import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.ScheduleRepository;
import dev.trainflow.activities.persistence.ScheduledRunSlot;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.persistence.StoredPipeline;
import dev.trainflow.activities.persistence.StoredPipelineRun;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.ScheduleRecordActivities;
import dev.trainflow.workflows.activities.ScheduledPipelineRun;
import dev.trainflow.workflows.activities.ScheduledPipelineRunRequest;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.PipelineStatus;
import dev.trainflow.workflows.activities.ScheduledRun;
import dev.trainflow.workflows.activities.ScheduledRunRequest;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.schedule.ScheduleProgress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** The schedule workflow's database work, on the orchestration queue. */
public class ScheduleRecordActivitiesImpl implements ScheduleRecordActivities {
  private static final DateTimeFormatter RUN_NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

  private final TrainingRunRepository runs;
  private final ScheduleRepository schedules;
  private final RunInputResolver inputs;
  private final ScheduleMeters meters;
  private final PipelineRepository pipelines;

  public ScheduleRecordActivitiesImpl(TrainingRunRepository runs, ScheduleRepository schedules, RunInputResolver inputs) {
    this(runs, schedules, inputs, null, null);
  }

  /**
   * @param meters counts fires and their outcomes; null for none
   * @param pipelines the runs of pipeline schedules; null where no pipeline schedule fires
   */
  public ScheduleRecordActivitiesImpl(
      TrainingRunRepository runs, ScheduleRepository schedules, RunInputResolver inputs, ScheduleMeters meters,
      PipelineRepository pipelines) {
    this.runs = runs;
    this.schedules = schedules;
    this.inputs = inputs;
    this.meters = meters;
    this.pipelines = pipelines;
  }

  @Override
  public ScheduledPipelineRun createScheduledPipelineRun(ScheduledPipelineRunRequest request) {
    if (pipelines == null) {
      throw TrainingFailures.invalidConfig("this worker has no pipeline store: it cannot fire pipeline schedules");
    }
    StoredPipeline pipeline =
        pipelines.find(request.pipelineId())
            .orElseThrow(() -> TrainingFailures.invalidConfig("pipeline " + request.pipelineId() + " does not exist"));
    Map.Entry<StoredPipelineRun, Boolean> slot =
        pipelines.createRunForFire(pipeline.id(), request.scheduleId(), Instant.ofEpochMilli(request.fireAtMillis()));
    StoredPipelineRun run = slot.getKey();
    PipelineRunInput input =
        new PipelineRunInput(run.id(), pipeline.id(), pipeline.name(), pipeline.tasks(), pipeline.onSuccess(), pipeline.onFailure());
    if (slot.getValue()) {
      fired("started");
      Optional<String> refusal = pipelines.dependencyRefusal(pipeline);
      if (refusal.isPresent()) {
        pipelines.markRunFailed(run.id(), refusal.get());
        return new ScheduledPipelineRun(input, false, refusal.get());
      }
      return new ScheduledPipelineRun(input, true, null);
    }
    // a retry: start it unless it ended (refused, or failed to start); a started one is found by its workflow id
    return new ScheduledPipelineRun(input, run.status().equals(PipelineStatus.RUNNING.value()), null);
  }

  @Override
  public void markPipelineRunNotStarted(long pipelineRunId, String message) {
    pipelines.markRunFailed(pipelineRunId, message);
  }

  @Override
  public ScheduledRun createScheduledRun(ScheduledRunRequest request) {
    Instant fireAt = Instant.ofEpochMilli(request.fireAtMillis());
    ScheduledRunSlot slot =
        runs.createForFire(
            NewRun.of(runName(request.scheduleName(), fireAt, request.timeZone()), request.template(), RunStatus.SUBMITTING),
            request.scheduleId(),
            fireAt);
    StoredRun run = slot.run();
    RunStatus status = RunStatus.fromValue(run.status());
    if (status == RunStatus.SCHEDULED || status == RunStatus.PENDING) {
      runs.markSubmitted(run.id());
      run = runs.find(run.id()).orElseThrow();
      status = RunStatus.SUBMITTING;
    }
    if (slot.created()) {
      // a retried activity finds the run its first attempt made: the fire counts once
      fired("started");
    }
    return new ScheduledRun(inputs.resolve(run), status, slot.created());
  }

  @Override
  public void projectSchedule(ScheduleProgress progress) {
    var before = schedules.find(progress.scheduleId());
    if (schedules.project(progress) && before.isPresent()) {
      // fires the overlap policy skipped show as a change of the projected count
      for (int i = before.get().skippedFires(); i < progress.skippedFires(); i++) {
        fired("skipped");
      }
    }
  }

  @Override
  public void markRunNotStarted(long runId, String message) {
    runs.markStartFailed(runId, message);
    fired("failed");
  }

  private void fired(String outcome) {
    if (meters != null) {
      meters.fired(outcome);
    }
  }

  @Override
  public int cancelUnstartedRuns(long scheduleId, String reason) {
    return runs.cancelReserved(scheduleId, reason);
  }

  /** {@code <schedule-name>-<yyyyMMdd-HHmm>}, the fire time in the schedule's zone. */
  static String runName(String scheduleName, Instant fireAt, String timeZone) {
    return scheduleName + "-" + RUN_NAME_TIME.format(fireAt.atZone(ZoneId.of(timeZone != null ? timeZone : "UTC")));
  }
}
