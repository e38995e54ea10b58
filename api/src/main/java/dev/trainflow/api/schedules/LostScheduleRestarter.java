package dev.trainflow.api.schedules;

import dev.trainflow.activities.persistence.ScheduleRepository;
import dev.trainflow.activities.persistence.StoredSchedule;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.schedule.ScheduleProgress;
import dev.trainflow.workflows.schedule.ScheduleStatus;
import dev.trainflow.workflows.schedule.TrainingScheduleInput;
import dev.trainflow.workflows.spec.ScheduleCalendar;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded Temporal server keeps workflows in memory: after a restart of the service, active
 * and paused schedules have no workflow any more. Their state is in PostgreSQL, so each starts
 * again from it, with its statistics and revision: an active schedule keeps its stored next fire
 * (one missed while the service was down follows its catch-up policy), a paused one resumes later
 * from its times after now. A run that was going died with the process ({@code LostRunReconciler}
 * fails it), so a last run still shown running counts as failed.
 */
@Component
@ConditionalOnExpression("'${trainflow.temporal.address:}'.isBlank()")
public class LostScheduleRestarter {
  private static final Logger log = LoggerFactory.getLogger(LostScheduleRestarter.class);

  private final ScheduleRepository schedules;
  private final ScheduleWorkflows workflows;

  LostScheduleRestarter(ScheduleRepository schedules, ScheduleWorkflows workflows) {
    this.schedules = schedules;
    this.workflows = workflows;
  }

  @EventListener(ContextRefreshedEvent.class)
  void restartSchedulesLostWithTheLastProcess() {
    int restarted = restartLostSchedules();
    if (restarted > 0) {
      log.warn("{} schedule(s) had lost their workflow with the last process; started again from the database", restarted);
    }
  }

  /** @return how many schedules had no running workflow and were started again */
  public int restartLostSchedules() {
    int restarted = 0;
    for (StoredSchedule schedule : schedules.listLive()) {
      if (workflows.running(schedule.workflowId())) {
        continue;
      }
      ScheduleProgress state = carriedState(schedule, System.currentTimeMillis());
      schedules.project(state);
      workflows.restart(
          new TrainingScheduleInput(
              schedule.id(), schedule.name(), schedule.spec(), schedule.template(), schedule.policies(), state, null, schedule.pipelineId()));
      restarted++;
    }
    return restarted;
  }

  static ScheduleProgress carriedState(StoredSchedule s, long nowMillis) {
    ScheduleStatus status = ScheduleStatus.fromValue(s.status());
    // A paused schedule's row shows no next run; its next time is computed for when it resumes.
    Long next =
        s.nextRunAt() != null
            ? millis(s.nextRunAt())
            : status == ScheduleStatus.PAUSED ? ScheduleCalendar.of(s.spec()).nextAfter(nowMillis) : null;
    boolean lostRun = RunStatus.RUNNING.value().equals(s.lastRunStatus());
    int consecutiveFailures = s.consecutiveFailures() + (lostRun ? 1 : 0);
    return new ScheduleProgress(
        s.id(),
        status,
        s.spec(),
        s.pausedReason(),
        s.totalRuns(),
        s.successfulRuns(),
        s.failedRuns() + (lostRun ? 1 : 0),
        s.cancelledRuns(),
        s.skippedFires(),
        consecutiveFailures,
        consecutiveFailures >= ScheduleProgress.DEGRADED_AFTER_FAILURES,
        s.lastRunId(),
        lostRun ? RunStatus.FAILED.value() : s.lastRunStatus(),
        s.lastRunAt() == null ? null : millis(s.lastRunAt()),
        next,
        List.of(),
        null,
        List.of(),
        s.revision() + 1);
  }

  private static long millis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }
}
