package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.spec.ScheduleSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The mutable state a schedule workflow keeps. Only the workflow's threads touch it; every change
 * bumps the revision, and {@link #snapshot()} hands out immutable copies.
 */
final class ScheduleState {
  private final long scheduleId;
  private ScheduleStatus status;
  private ScheduleSpec spec;
  private String pausedReason;
  private int totalRuns;
  private int successfulRuns;
  private int failedRuns;
  private int cancelledRuns;
  private int skippedFires;
  private int consecutiveFailures;
  private Long lastRunId;
  private String lastRunStatus;
  private Long lastFireAtMillis;
  private Long nextFireAtMillis;
  private final Set<Long> runningRunIds = new LinkedHashSet<>();
  private Long bufferedFireAtMillis;
  private final Deque<Long> backfill = new ArrayDeque<>();
  private long revision;

  private ScheduleState(long scheduleId, ScheduleSpec spec) {
    this.scheduleId = scheduleId;
    this.spec = spec;
    this.status = ScheduleStatus.ACTIVE;
    this.revision = 1;
  }

  static ScheduleState start(long scheduleId, ScheduleSpec spec) {
    return new ScheduleState(scheduleId, spec);
  }

  /** The state a continue-as-new carried over. Runs going are never carried (see the workflow). */
  static ScheduleState from(ScheduleProgress p) {
    ScheduleState s = new ScheduleState(p.scheduleId(), p.spec());
    s.status = p.status();
    s.pausedReason = p.pausedReason();
    s.totalRuns = p.totalRuns();
    s.successfulRuns = p.successfulRuns();
    s.failedRuns = p.failedRuns();
    s.cancelledRuns = p.cancelledRuns();
    s.skippedFires = p.skippedFires();
    s.consecutiveFailures = p.consecutiveFailures();
    s.lastRunId = p.lastRunId();
    s.lastRunStatus = p.lastRunStatus();
    s.lastFireAtMillis = p.lastFireAtMillis();
    s.nextFireAtMillis = p.nextFireAtMillis();
    s.bufferedFireAtMillis = p.bufferedFireAtMillis();
    if (p.backfillFireAtMillis() != null) {
      s.backfill.addAll(p.backfillFireAtMillis());
    }
    s.revision = p.revision();
    return s;
  }

  ScheduleProgress snapshot() {
    return new ScheduleProgress(
        scheduleId,
        status,
        spec,
        pausedReason,
        totalRuns,
        successfulRuns,
        failedRuns,
        cancelledRuns,
        skippedFires,
        consecutiveFailures,
        consecutiveFailures >= ScheduleProgress.DEGRADED_AFTER_FAILURES,
        lastRunId,
        lastRunStatus,
        lastFireAtMillis,
        nextFireAtMillis,
        List.copyOf(runningRunIds),
        bufferedFireAtMillis,
        List.copyOf(backfill),
        revision);
  }

  ScheduleStatus status() {
    return status;
  }

  ScheduleSpec spec() {
    return spec;
  }

  Long nextFireAtMillis() {
    return nextFireAtMillis;
  }

  Long bufferedFireAtMillis() {
    return bufferedFireAtMillis;
  }

  boolean hasBackfill() {
    return !backfill.isEmpty();
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  long revision() {
    return revision;
  }

  void nextFireAt(Long millis) {
    if (!java.util.Objects.equals(nextFireAtMillis, millis)) {
      nextFireAtMillis = millis;
      changed();
    }
  }

  void spec(ScheduleSpec newSpec) {
    spec = newSpec;
    changed();
  }

  void pause(String reason) {
    status = ScheduleStatus.PAUSED;
    pausedReason = reason;
    changed();
  }

  void resume() {
    status = ScheduleStatus.ACTIVE;
    pausedReason = null;
    changed();
  }

  void cancel() {
    status = ScheduleStatus.CANCELLED;
    nextFireAtMillis = null;
    bufferedFireAtMillis = null;
    backfill.clear();
    changed();
  }

  void complete() {
    status = ScheduleStatus.COMPLETED;
    changed();
  }

  void skipFires(long count) {
    if (count > 0) {
      skippedFires += (int) Math.min(count, Integer.MAX_VALUE - skippedFires);
      changed();
    }
  }

  /** Keeps one fire for when the running run ends; a fire already kept is dropped (skipped). */
  void buffer(long fireAtMillis) {
    if (bufferedFireAtMillis != null) {
      skippedFires++;
    }
    bufferedFireAtMillis = fireAtMillis;
    changed();
  }

  Long takeBuffered() {
    Long fire = bufferedFireAtMillis;
    bufferedFireAtMillis = null;
    changed();
    return fire;
  }

  /** @return how many of {@code fires} were queued (those not queued already) */
  int addBackfill(List<Long> fires) {
    int added = 0;
    for (Long fire : fires) {
      if (!backfill.contains(fire)) {
        backfill.addLast(fire);
        added++;
      }
    }
    changed();
    return added;
  }

  long takeBackfill() {
    long fire = backfill.removeFirst();
    changed();
    return fire;
  }

  void runStarted(long runId, long fireAtMillis) {
    totalRuns++;
    runningRunIds.add(runId);
    lastRunId = runId;
    lastRunStatus = RunStatus.RUNNING.value();
    lastFireAtMillis = fireAtMillis;
    changed();
  }

  /** A fire whose run could not be created or started: it counts as a failed run. */
  void fireFailed(Long runId, long fireAtMillis) {
    totalRuns++;
    lastRunId = runId;
    lastFireAtMillis = fireAtMillis;
    runEnded(runId, RunStatus.FAILED);
  }

  void runEnded(Long runId, RunStatus outcome) {
    runningRunIds.remove(runId);
    if (runId != null && runId.equals(lastRunId)) {
      lastRunStatus = outcome.value();
    }
    switch (outcome) {
      case COMPLETED -> {
        successfulRuns++;
        consecutiveFailures = 0;
      }
      case CANCELLED -> cancelledRuns++;
      default -> {
        failedRuns++;
        consecutiveFailures++;
      }
    }
    changed();
  }

  private void changed() {
    revision++;
  }
}
