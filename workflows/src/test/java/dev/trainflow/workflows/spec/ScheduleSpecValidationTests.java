package dev.trainflow.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSpecValidationTests {
  private static final long NOW = Instant.parse("2025-03-28T12:00:00Z").toEpochMilli();

  @Test
  void shouldAcceptEachTypeWithItsFields() {
    for (ScheduleSpec spec :
        List.of(
            ScheduleSpec.once("2025-03-29T02:00", "Europe/Berlin"),
            ScheduleSpec.daily("02:00", null),
            ScheduleSpec.weekly(List.of("monday", "FRI"), "23:59", "America/New_York"),
            ScheduleSpec.cron("0 2 * * mon-fri", "Asia/Tokyo"))) {
      assertThat(new SpecValidator().schedule("schedule", spec, NOW).errors()).as(spec.toString()).isEmpty();
    }
  }

  @Test
  void shouldNameEachBadField() {
    assertThat(fields(ScheduleSpec.cron("0 25 * * *", "UTC"))).containsExactly("schedule.cron");
    assertThat(fields(ScheduleSpec.daily("02:00", "Mars/Olympus_Mons"))).containsExactly("schedule.time_zone");
    assertThat(fields(ScheduleSpec.daily("02:00", "+02:00"))).containsExactly("schedule.time_zone");
    assertThat(fields(ScheduleSpec.once("2025-03-28T11:59:00Z", "UTC"))).containsExactly("schedule.at");
    assertThat(fields(ScheduleSpec.once("tomorrow", "UTC"))).containsExactly("schedule.at");
    assertThat(fields(ScheduleSpec.once("2026-03-29T02:30", "Europe/Berlin"))).containsExactly("schedule.at");
    assertThat(fields(ScheduleSpec.weekly(List.of(), "02:00", "UTC"))).containsExactly("schedule.days_of_week");
    assertThat(fields(ScheduleSpec.weekly(null, "02:00", "UTC"))).containsExactly("schedule.days_of_week");
    assertThat(fields(ScheduleSpec.weekly(List.of("funday"), "02:00", "UTC"))).containsExactly("schedule.days_of_week[0]");
    assertThat(fields(ScheduleSpec.daily("2am", "UTC"))).containsExactly("schedule.time");
    assertThat(fields(ScheduleSpec.daily(null, "UTC"))).containsExactly("schedule.time");
    assertThat(fields(new ScheduleSpec("hourly", null, null, null, null, null))).containsExactly("schedule.type");
    assertThat(fields(new ScheduleSpec("daily", null, "02:00", null, "0 2 * * *", null))).containsExactly("schedule.cron");
    assertThat(fields(ScheduleSpec.cron("0 0 30 2 *", "UTC"))).containsExactly("schedule.cron");
    assertThat(fields(null)).containsExactly("schedule");
  }

  @Test
  void shouldNormalizeWeekDaysAndTheZone() {
    ScheduleSpec spec = ScheduleSpec.weekly(List.of("fri", "Monday", "mon"), "02:00", null).normalized();

    assertThat(spec.daysOfWeek()).containsExactly("monday", "friday");
    assertThat(spec.timeZone()).isEqualTo("UTC");
  }

  private static List<String> fields(ScheduleSpec spec) {
    return new SpecValidator().schedule("schedule", spec, NOW).errors().stream().map(FieldError::field).toList();
  }
}
