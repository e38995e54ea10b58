package dev.trainflow.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScheduleCalendarTests {

  @Test
  void shouldSkipALocalTimeThatADaylightSavingGapRemoves() {
    // Europe/Berlin: 2025-03-30 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day.
    ScheduleCalendar daily = ScheduleCalendar.of(ScheduleSpec.daily("02:30", "Europe/Berlin"));

    assertThat(daily.between(millis("2025-03-29T00:00:00Z"), millis("2025-04-01T00:00:00Z"), 10))
        .containsExactly(millis("2025-03-29T01:30:00Z"), millis("2025-03-31T00:30:00Z"));
  }

  @Test
  void shouldFireARepeatedLocalTimeOnceAtItsFirstOccurrence() {
    // Europe/Berlin: 2025-10-26 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    ScheduleCalendar daily = ScheduleCalendar.of(ScheduleSpec.daily("02:30", "Europe/Berlin"));

    assertThat(daily.between(millis("2025-10-25T00:00:00Z"), millis("2025-10-28T00:00:00Z"), 10))
        .containsExactly(
            millis("2025-10-25T00:30:00Z"), millis("2025-10-26T00:30:00Z"), millis("2025-10-27T01:30:00Z"));
    // Asked from between the two occurrences, the next one is the next day's.
    assertThat(daily.nextAfter(millis("2025-10-26T00:45:00Z"))).isEqualTo(millis("2025-10-27T01:30:00Z"));
  }

  @Test
  void shouldFireEveryQuarterHourOnceThroughTheRepeatedHour() {
    ScheduleCalendar cron = ScheduleCalendar.of(ScheduleSpec.cron("*/30 * * * *", "America/New_York"));

    // 2025-11-02 01:00-02:00 EDT then again 01:00-02:00 EST (05:00-07:00 UTC).
    assertThat(cron.between(millis("2025-11-02T04:30:00Z"), millis("2025-11-02T07:31:00Z"), 10))
        .containsExactly(
            millis("2025-11-02T04:30:00Z"), millis("2025-11-02T05:00:00Z"), millis("2025-11-02T05:30:00Z"),
            millis("2025-11-02T07:00:00Z"), millis("2025-11-02T07:30:00Z"));
  }

  @Test
  void shouldFireWeeklyOnTheNamedDays() {
    ScheduleCalendar weekly =
        ScheduleCalendar.of(ScheduleSpec.weekly(List.of("Monday", "thu"), "02:00", "UTC"));

    assertThat(weekly.between(millis("2025-03-28T00:00:00Z"), millis("2025-04-08T00:00:00Z"), 10))
        .containsExactly(millis("2025-03-31T02:00:00Z"), millis("2025-04-03T02:00:00Z"), millis("2025-04-07T02:00:00Z"));
  }

  @Test
  void shouldReadAOnceTimeWithAnOffsetOrInTheZone() {
    assertThat(ScheduleCalendar.of(ScheduleSpec.once("2030-01-01T02:00:00+01:00", "UTC")).nextAfter(0))
        .isEqualTo(millis("2030-01-01T01:00:00Z"));
    assertThat(ScheduleCalendar.of(ScheduleSpec.once("2030-07-01T02:00", "Europe/Berlin")).nextAfter(0))
        .isEqualTo(millis("2030-07-01T00:00:00Z"));
    assertThat(ScheduleCalendar.of(ScheduleSpec.once("2030-07-01T02:00", "Europe/Berlin")).nextAfter(millis("2030-07-01T00:00:00Z")))
        .isNull();
    assertThatThrownBy(() -> ScheduleCalendar.onceInstant("2025-03-30T02:30", java.time.ZoneId.of("Europe/Berlin")))
        .hasMessageContaining("does not exist");
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource({
    "0 2 * * 1,            2025-03-28T12:00:00Z, 2025-03-31T02:00:00Z",
    "0 2 * * MON,          2025-03-31T02:00:00Z, 2025-04-07T02:00:00Z",
    "15 14 1 * *,          2025-03-28T12:00:00Z, 2025-04-01T14:15:00Z",
    "0 0 * jan-mar/2 *,    2025-03-28T12:00:00Z, 2025-03-29T00:00:00Z",
    "0 0 * feb-dec/2 *,    2025-03-28T12:00:00Z, 2025-04-01T00:00:00Z",
    "0 9 1-7 * 5,          2025-03-28T12:00:00Z, 2025-04-01T09:00:00Z",
    "0 9 * * 0,            2025-03-28T12:00:00Z, 2025-03-30T09:00:00Z",
    "0 9 * * 7,            2025-03-28T12:00:00Z, 2025-03-30T09:00:00Z",
    "'5,10 4/6 * * *',     2025-03-28T12:00:00Z, 2025-03-28T16:05:00Z",
    "0 0 29 2 *,           2025-03-28T12:00:00Z, 2028-02-29T00:00:00Z",
    "* * * * *,            2025-03-28T12:00:30Z, 2025-03-28T12:01:00Z",
  })
  void shouldFindTheNextMatchOfACronExpression(String expression, String after, String next) {
    assertThat(CronExpression.parse(expression).next(Instant.parse(after), java.time.ZoneOffset.UTC))
        .isEqualTo(Instant.parse(next));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 2 * *       | has 4 field(s)",
        "60 2 * * *    | minute field '60' is out of range 0-59",
        "0 24 * * *    | hour field",
        "0 2 0 * *     | day of month field",
        "0 2 * 13 *    | month field",
        "0 2 * * 8     | day of week field",
        "0 2 * * xyz   | 'xyz' is not a number",
        "*/0 2 * * *   | step 0",
        "0 5-2 * * *   | ends before it starts",
        "0 2 ,1 * *    | empty list item",
      })
  void shouldRefuseInvalidCronExpressionsNamingTheField(String expression, String message) {
    assertThatThrownBy(() -> CronExpression.parse(expression)).hasMessageContaining(message.trim());
  }

  @Test
  void shouldFindNoTimeForAnImpossibleDate() {
    assertThat(CronExpression.parse("0 0 30 2 *").next(Instant.parse("2025-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)).isNull();
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
