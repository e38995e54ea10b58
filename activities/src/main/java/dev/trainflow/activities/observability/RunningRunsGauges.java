package dev.trainflow.activities.observability;

import dev.trainflow.workflows.run.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Gauges read from the database on each {@link #refresh()}: runs per status, and series per
 * running run (epoch, progress, last progress, elapsed time, cost, loss). A run's series are
 * removed by the first refresh after it ends, so run ids never pile up as labels.
 */
public final class RunningRunsGauges {
  private final RunningRunsQuery query;
  private final Clock clock;
  private final Map<String, Long> statusCounts = new ConcurrentHashMap<>();
  private final List<PerRunGauge> perRun = new ArrayList<>();
  private final MultiGauge lastProgress;
  private final MultiGauge loss;
  /** Gauges hold their state weakly: the runs of the last refresh stay reachable from here. */
  private volatile List<RunningRun> current = List.of();

  public RunningRunsGauges(MeterRegistry registry, RunningRunsQuery query, Clock clock) {
    this.query = query;
    this.clock = clock;
    for (RunStatus runStatus : RunStatus.values()) {
      String status = runStatus.value();
      statusCounts.put(status, 0L);
      Gauge.builder(TrainflowMeters.RUNS, statusCounts, counts -> counts.getOrDefault(status, 0L))
          .description("training runs in each status")
          .tag(TrainflowMeters.STATUS, status)
          .register(registry);
    }
    perRun(registry, TrainflowMeters.RUN_EPOCH, null, r -> true, RunningRun::currentEpoch);
    perRun(registry, TrainflowMeters.RUN_PLANNED_EPOCHS, null, r -> true, RunningRun::totalEpochs);
    perRun(registry, TrainflowMeters.RUN_PROGRESS, "ratio", r -> true, r -> r.progressPercent() / 100.0);
    perRun(registry, TrainflowMeters.RUN_COST, "usd", r -> true, RunningRun::costUsd);
    perRun(registry, TrainflowMeters.RUN_BUDGET_USED, "ratio", r -> r.maxCostUsd() != null && r.maxCostUsd() > 0,
        r -> r.costUsd() / r.maxCostUsd());
    perRun(registry, TrainflowMeters.RUN_ELAPSED, "seconds", r -> r.startedAt() != null, r -> secondsSince(r.startedAt()));
    perRun(registry, TrainflowMeters.RUN_MAX_RUNTIME, "seconds", r -> r.maxRuntimeMinutes() != null,
        r -> Duration.ofMinutes(r.maxRuntimeMinutes()).toSeconds());
    lastProgress = MultiGauge.builder(TrainflowMeters.RUN_LAST_PROGRESS).baseUnit("seconds").register(registry);
    loss = MultiGauge.builder(TrainflowMeters.RUN_LOSS).register(registry);
  }

  /** Reads the database and replaces every series; call it periodically. */
  public List<RunningRun> refresh() {
    statusCounts.putAll(query.countsByStatus());
    List<RunningRun> running = query.running();
    current = running;
    perRun.forEach(g -> g.set(running));
    lastProgress.register(
        rows(running, r -> r.lastProgressAt() != null, r -> tags(r).and(TrainflowMeters.STAGE, stageOf(r)),
            r -> r.lastProgressAt().toEpochMilli() / 1000.0),
        true);
    List<MultiGauge.Row<?>> losses = new ArrayList<>();
    for (RunningRun r : running) {
      if (r.loss() != null) {
        losses.add(MultiGauge.Row.of(tags(r).and(TrainflowMeters.SPLIT, "train"), r.loss()));
      }
      if (r.validationLoss() != null) {
        losses.add(MultiGauge.Row.of(tags(r).and(TrainflowMeters.SPLIT, "validation"), r.validationLoss()));
      }
    }
    loss.register(losses, true);
    return running;
  }

  private void perRun(
      MeterRegistry registry, String name, String unit, Predicate<RunningRun> applies, ToDoubleFunction<RunningRun> value) {
    perRun.add(new PerRunGauge(MultiGauge.builder(name).baseUnit(unit).register(registry), applies, value));
  }

  private double secondsSince(Instant start) {
    return Math.max(0, Duration.between(start, clock.instant()).toMillis() / 1000.0);
  }

  static Tags tags(RunningRun r) {
    return Tags.of(TrainflowMeters.RUN_ID, Long.toString(r.id()), TrainflowMeters.ML_MODEL, r.mlModelName());
  }

  private static String stageOf(RunningRun r) {
    return r.currentStage() == null ? "none" : r.currentStage();
  }

  /** Rows whose value is read at scrape time, so an elapsed time keeps moving between refreshes. */
  private static List<MultiGauge.Row<?>> rows(
      List<RunningRun> runs, Predicate<RunningRun> applies, Function<RunningRun, Tags> tags, ToDoubleFunction<RunningRun> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (RunningRun r : runs) {
      if (applies.test(r)) {
        rows.add(MultiGauge.Row.of(tags.apply(r), r, value));
      }
    }
    return rows;
  }

  /** One gauge name, one series per running run it applies to. */
  private record PerRunGauge(MultiGauge gauge, Predicate<RunningRun> applies, ToDoubleFunction<RunningRun> value) {
    void set(List<RunningRun> running) {
      gauge.register(rows(running, applies, RunningRunsGauges::tags, value), true);
    }
  }
}
