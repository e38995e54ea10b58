package dev.trainflow.api.schedules;

import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.NewSchedule;
import dev.trainflow.activities.persistence.ReservedRunSchedule;
import dev.trainflow.activities.persistence.ScheduleFilter;
import dev.trainflow.activities.persistence.SchedulePage;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.persistence.ScheduleRepository;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.StoredSchedule;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.runs.RunTemplates;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.schedule.BackfillRequest;
import dev.trainflow.workflows.schedule.ScheduleProgress;
import dev.trainflow.workflows.schedule.SchedulePolicies;
import dev.trainflow.workflows.schedule.ScheduleStatus;
import dev.trainflow.workflows.schedule.TrainingScheduleInput;
import dev.trainflow.workflows.schedule.TrainingScheduleWorkflow;
import dev.trainflow.workflows.spec.ScheduleCalendar;
import dev.trainflow.workflows.spec.ScheduleSpec;
import dev.trainflow.workflows.spec.SpecValidator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Schedules for the REST API: validates a request completely before anything is written (the run
 * template with the same rules as a run request), stores the schedule, starts its workflow, and
 * passes controls to it. Also the once schedules behind runs created with {@code scheduled_at}.
 */
@Service
public class ScheduleService {
  /** Run names are {@code <schedule-name>-yyyyMMdd-HHmm} and at most 63 characters. */
  static final int MAX_NAME_LENGTH = 63 - "-yyyyMMdd-HHmm".length();
  static final int HISTORY_SIZE = 50;

  private final ScheduleRepository schedules;
  private final TrainingRunRepository runs;
  private final RunTemplates templates;
  private final ScheduleWorkflows workflows;
  private final PipelineRepository pipelines;

  ScheduleService(
      ScheduleRepository schedules, TrainingRunRepository runs, RunTemplates templates, ScheduleWorkflows workflows,
      PipelineRepository pipelines) {
    this.pipelines = pipelines;
    this.schedules = schedules;
    this.runs = runs;
    this.templates = templates;
    this.workflows = workflows;
  }

  StoredSchedule create(CreateScheduleRequest request) {
    long now = System.currentTimeMillis();
    SpecValidator v = new SpecValidator().name("name", request.name());
    if (request.name() != null && request.name().length() > MAX_NAME_LENGTH) {
      v.reject("name", "must be at most " + MAX_NAME_LENGTH + " characters: its runs are named <name>-yyyyMMdd-HHmm");
    }
    v.schedule("schedule", request.schedule(), now);
    if (request.overlapPolicy() != null && !SchedulePolicies.OVERLAP_POLICIES.contains(request.overlapPolicy())) {
      v.reject("overlap_policy", oneOf(request.overlapPolicy(), SchedulePolicies.OVERLAP_POLICIES));
    }
    if (request.catchUpPolicy() != null && !SchedulePolicies.CATCH_UP_POLICIES.contains(request.catchUpPolicy())) {
      v.reject("catch_up_policy", oneOf(request.catchUpPolicy(), SchedulePolicies.CATCH_UP_POLICIES));
    }
    Integer pauseAfter = request.pauseAfterFailures();
    if (pauseAfter != null && (pauseAfter < 1 || pauseAfter > SchedulePolicies.MAX_PAUSE_AFTER_FAILURES)) {
      v.reject("pause_after_failures", "must be between 1 and " + SchedulePolicies.MAX_PAUSE_AFTER_FAILURES + ", got " + pauseAfter);
    }
    Optional<RunTemplate> template = Optional.empty();
    if (request.pipelineId() != null) {
      // a pipeline schedule fires runs of the pipeline: its train tasks carry their own templates
      if (request.runTemplate() != null) {
        v.reject("pipeline_id", "a schedule fires either a run_template or a pipeline_id, not both");
      } else if (pipelines.find(request.pipelineId()).isEmpty()) {
        v.reject("pipeline_id", "pipeline " + request.pipelineId() + " does not exist");
      }
    } else {
      template = templates.resolve(v, "run_template", request.runTemplate(), request.name());
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    ScheduleSpec spec = request.schedule().normalized();
    SchedulePolicies policies =
        new SchedulePolicies(request.overlapPolicy(), request.catchUpPolicy(), pauseAfter).withDefaults();
    Long next = ScheduleCalendar.of(spec).nextAfter(now);
    StoredSchedule schedule =
        schedules.create(
            new NewSchedule(
                request.name(), request.description(), spec, template.orElse(null), policies,
                next == null ? null : Instant.ofEpochMilli(next), request.pipelineId()));
    start(schedule, null);
    return schedule;
  }

  /**
   * A run created with {@code scheduled_at}: stored as {@code scheduled} with a once schedule (named
   * after the run) whose fire starts exactly that run. A fire missed while no worker ran still runs
   * (catch-up {@code run_once}): the user asked for this run.
   */
  public StoredRun scheduleRun(NewRun run, RunTemplate template, Instant at) {
    ScheduleSpec spec = ScheduleSpec.once(at.atOffset(ZoneOffset.UTC).toString(), ScheduleSpec.DEFAULT_TIME_ZONE);
    SchedulePolicies policies = new SchedulePolicies(null, SchedulePolicies.CATCH_UP_RUN_ONCE, null).withDefaults();
    ReservedRunSchedule reserved =
        schedules.createWithReservedRun(new NewSchedule(run.name(), "runs training run '" + run.name() + "' at " + at, spec, template, policies, at), run);
    try {
      start(reserved.schedule(), reserved.run());
    } catch (ServiceUnavailableException e) {
      runs.markStartFailed(reserved.run().id(), e.getMessage());
      throw e;
    }
    return reserved.run();
  }

  /** {@code run-now} of a scheduled run: its once schedule fires now, starting that run. */
  public void fireReservedRun(StoredRun run) {
    update(get(run.scheduleId()), TrainingScheduleWorkflow::trigger);
  }

  /** Cancel of a scheduled run: its once schedule is cancelled, which cancels the run. */
  public void cancelReservedRun(StoredRun run, String reason) {
    StoredSchedule schedule = get(run.scheduleId());
    if (ScheduleStatus.fromValue(schedule.status()).ended()) {
      runs.cancelReserved(schedule.id(), reason);
      return;
    }
    update(schedule, w -> w.cancel(false));
  }

  StoredSchedule get(long id) {
    return schedules.find(id).orElseThrow(() -> new NotFoundException("training schedule", id));
  }

  List<StoredRun> history(long id) {
    return runs.listForSchedule(id, HISTORY_SIZE);
  }

  SchedulePage list(ScheduleFilter filter) {
    return schedules.list(filter);
  }

  StoredSchedule pause(long id, String reason) {
    return update(get(id), w -> w.pause(reason));
  }

  /**
   * Pauses every active schedule, e.g. when the monthly budget is spent.
   *
   * @return the ids of the schedules paused
   */
  public List<Long> pauseActive(String reason) {
    List<Long> paused = new java.util.ArrayList<>();
    for (StoredSchedule schedule : schedules.listLive()) {
      if (schedule.status().equals(ScheduleStatus.ACTIVE.value())) {
        update(schedule, w -> w.pause(reason));
        paused.add(schedule.id());
      }
    }
    return paused;
  }

  StoredSchedule resume(long id) {
    return update(get(id), TrainingScheduleWorkflow::resume);
  }

  StoredSchedule trigger(long id) {
    return update(get(id), TrainingScheduleWorkflow::trigger);
  }

  StoredSchedule cancel(long id, boolean cancelRunning) {
    return update(get(id), w -> w.cancel(cancelRunning));
  }

  StoredSchedule updateSpec(long id, ScheduleSpec spec) {
    StoredSchedule schedule = get(id);
    // The body is the spec itself: its fields are named at the top ("cron", "time_zone").
    SpecValidator v = new SpecValidator().schedule("", spec, System.currentTimeMillis());
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return update(schedule, w -> w.updateSpec(spec));
  }

  StoredSchedule backfill(long id, BackfillScheduleRequest request) {
    StoredSchedule schedule = get(id);
    SpecValidator v = new SpecValidator();
    Instant from = instant(v, "from", request.from());
    Instant to = instant(v, "to", request.to());
    if (from != null && to != null) {
      if (!from.isBefore(to)) {
        v.reject("to", "must be after from (" + request.from() + ")");
      } else if (to.isAfter(Instant.now())) {
        v.reject("to", "must not be in the future: a backfill runs a past window");
      }
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return update(schedule, w -> w.backfill(new BackfillRequest(from.toEpochMilli(), to.toEpochMilli())));
  }

  private void start(StoredSchedule schedule, StoredRun reservedRun) {
    try {
      workflows.start(
          new TrainingScheduleInput(schedule.id(), schedule.name(), schedule.spec(), schedule.template(), schedule.policies(), null, null, schedule.pipelineId()));
    } catch (ServiceUnavailableException e) {
      if (reservedRun == null) {
        schedules.deleteUnstarted(schedule.id());
      }
      throw e;
    }
  }

  private StoredSchedule update(StoredSchedule schedule, Function<TrainingScheduleWorkflow, ScheduleProgress> control) {
    if (ScheduleStatus.fromValue(schedule.status()).ended()) {
      throw new ConflictException("schedule " + schedule.id() + " is " + schedule.status() + "; it takes no more controls");
    }
    workflows.update(schedule.workflowId(), control);
    return get(schedule.id());
  }

  private static Instant instant(SpecValidator v, String field, String value) {
    if (value == null) {
      v.reject(field, "is required: an ISO-8601 instant such as 2030-01-01T00:00:00Z");
      return null;
    }
    try {
      return ScheduleCalendar.onceInstant(value, ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      v.reject(field, e.getMessage());
      return null;
    }
  }

  private static String oneOf(String value, List<String> allowed) {
    return "'" + value + "' is not one of " + String.join(", ", allowed);
  }
}
