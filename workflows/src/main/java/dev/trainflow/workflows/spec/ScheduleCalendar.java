package dev.trainflow.workflows.spec;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fire times of a valid {@link ScheduleSpec}. {@code daily} and {@code weekly} are cron
 * expressions underneath ({@code m h * * *}, {@code m h * * mon,thu}), so every recurring type
 * follows {@link CronExpression}'s daylight-saving rule: a skipped local time does not fire that
 * day, a repeated one fires once.
 *
 * <p>Pure, but it reads the JVM's time-zone rules, which change with JDK updates: workflow code
 * calls it only inside {@code Workflow.sideEffect}, so a replay reads the recorded answer.
 */
public final class ScheduleCalendar {
  private final Instant onceAt;
  private final CronExpression cron;
  private final ZoneId zone;

  private ScheduleCalendar(Instant onceAt, CronExpression cron, ZoneId zone) {
    this.onceAt = onceAt;
    this.cron = cron;
    this.zone = zone;
  }

  /** @throws IllegalArgumentException or {@link DateTimeException} for a spec that is not valid */
  public static ScheduleCalendar of(ScheduleSpec spec) {
    ZoneId zone = ZoneId.of(spec.timeZone() != null ? spec.timeZone() : ScheduleSpec.DEFAULT_TIME_ZONE);
    return switch (spec.type()) {
      case ScheduleSpec.ONCE -> new ScheduleCalendar(onceInstant(spec.at(), zone), null, zone);
      case ScheduleSpec.DAILY -> new ScheduleCalendar(null, CronExpression.parse(timeOfDay(spec.time()) + " * * *"), zone);
      case ScheduleSpec.WEEKLY -> new ScheduleCalendar(
          null, CronExpression.parse(timeOfDay(spec.time()) + " * * " + weekDays(spec.daysOfWeek())), zone);
      case ScheduleSpec.CRON -> new ScheduleCalendar(null, CronExpression.parse(spec.cron()), zone);
      default -> throw new IllegalArgumentException("unknown schedule type '" + spec.type() + "'");
    };
  }

  /** The first fire time strictly after {@code afterMillis}, or null when there is none. */
  public Long nextAfter(long afterMillis) {
    Instant after = Instant.ofEpochMilli(afterMillis);
    if (onceAt != null) {
      return onceAt.isAfter(after) ? onceAt.toEpochMilli() : null;
    }
    Instant next = cron.next(after, zone);
    return next == null ? null : next.toEpochMilli();
  }

  /** Fire times in {@code [fromMillis, toMillis)}, at most {@code limit} of them, in order. */
  public List<Long> between(long fromMillis, long toMillis, int limit) {
    List<Long> times = new ArrayList<>();
    Long next = nextAfter(fromMillis - 1);
    while (next != null && next < toMillis && times.size() < limit) {
      times.add(next);
      next = nextAfter(next);
    }
    return times;
  }

  /**
   * A {@code once} time: an ISO instant with an offset, or a local date-time in {@code zone}. A
   * local time in a daylight-saving gap is refused (it never happens); a repeated one means its
   * first occurrence.
   */
  public static Instant onceInstant(String at, ZoneId zone) {
    if (at == null || at.isBlank()) {
      throw new IllegalArgumentException("is required for a once schedule, e.g. 2030-01-01T02:00");
    }
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeParseException notOffset) {
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(at);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + at + "' is not an ISO-8601 date-time such as 2030-01-01T02:00 or 2030-01-01T02:00:00Z");
      }
      List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
      if (offsets.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + at + "' does not exist in " + zone + " (skipped by a daylight-saving change)");
      }
      return local.toInstant(offsets.get(0));
    }
  }

  /** {@code "02:30"} → {@code "30 2"}, the minute and hour fields of a cron expression. */
  static String timeOfDay(String time) {
    if (time == null || !time.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
      throw new IllegalArgumentException("'" + time + "' is not a time of day HH:mm (00:00 to 23:59)");
    }
    LocalTime t = LocalTime.parse(time);
    return t.getMinute() + " " + t.getHour();
  }

  private static String weekDays(List<String> days) {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("needs at least one day, e.g. [\"monday\"]");
    }
    return days.stream()
        .map(CronExpression::dayOfWeek)
        .map(DayOfWeek::getValue)
        .map(v -> Integer.toString(v % 7))
        .collect(Collectors.joining(","));
  }
}
