package dev.trainflow.activities.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * Schedule fires and what became of them, for the schedule activities to call ({@link
 * #fired(String)}). Every outcome's series exists from the start at 0, so the dashboard and the
 * alert rules can name them before the first fire.
 */
public final class ScheduleMeters {
  /** A fire started a run, was skipped or buffered by the overlap policy, or could not start a run. */
  public static final List<String> OUTCOMES = List.of("started", "skipped", "buffered", "failed");

  private final MeterRegistry registry;

  public ScheduleMeters(MeterRegistry registry) {
    this.registry = registry;
    OUTCOMES.forEach(this::counter);
  }

  public void fired(String outcome) {
    String value = outcome == null ? "failed" : outcome.toLowerCase(Locale.ROOT);
    if (!OUTCOMES.contains(value)) {
      throw new IllegalArgumentException("schedule fire outcome '" + outcome + "' is not one of " + OUTCOMES);
    }
    counter(value).increment();
  }

  private Counter counter(String outcome) {
    return Counter.builder(TrainflowMeters.SCHEDULE_FIRES).tag(TrainflowMeters.OUTCOME, outcome).register(registry);
  }
}
