package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * When a schedule fires: {@code once} at {@code at}; {@code daily} at {@code time}; {@code weekly}
 * on {@code days_of_week} at {@code time}; or a standard 5-field {@code cron} expression. Every
 * type is read in the IANA {@code time_zone} (default UTC), so a daily 02:00 stays 02:00 local
 * across daylight-saving changes. {@link ScheduleCalendar} turns a spec into fire times.
 *
 * <p>{@code at} is an ISO-8601 date-time: with an offset ({@code 2030-01-01T02:00:00Z}) it is that
 * instant; without one ({@code 2030-01-01T02:00}) it is local time in {@code time_zone}. {@code
 * time} is {@code HH:mm}, 24-hour.
 */
public record ScheduleSpec(
    String type, String at, String time, List<String> daysOfWeek, String cron, String timeZone) {

  public static final String ONCE = "once";
  public static final String DAILY = "daily";
  public static final String WEEKLY = "weekly";
  public static final String CRON = "cron";
  public static final List<String> TYPES = List.of(ONCE, DAILY, WEEKLY, CRON);
  public static final String DEFAULT_TIME_ZONE = "UTC";

  public static ScheduleSpec once(String at, String timeZone) {
    return new ScheduleSpec(ONCE, at, null, null, null, timeZone);
  }

  public static ScheduleSpec daily(String time, String timeZone) {
    return new ScheduleSpec(DAILY, null, time, null, null, timeZone);
  }

  public static ScheduleSpec weekly(List<String> daysOfWeek, String time, String timeZone) {
    return new ScheduleSpec(WEEKLY, null, time, daysOfWeek, null, timeZone);
  }

  public static ScheduleSpec cron(String expression, String timeZone) {
    return new ScheduleSpec(CRON, null, null, null, expression, timeZone);
  }

  /**
   * The stored form of a valid spec: the time zone filled in and week days as lowercase full names
   * ({@code monday}), in week order without duplicates.
   */
  public ScheduleSpec normalized() {
    List<String> days =
        daysOfWeek == null
            ? null
            : daysOfWeek.stream()
                .map(CronExpression::dayOfWeek)
                .distinct()
                .sorted()
                .map(d -> d.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
    return new ScheduleSpec(
        type, at, time, days, cron == null ? null : cron.trim(), timeZone != null ? timeZone : DEFAULT_TIME_ZONE);
  }
}
