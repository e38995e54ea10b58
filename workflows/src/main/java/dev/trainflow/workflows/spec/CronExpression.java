package dev.trainflow.workflows.spec;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A standard 5-field cron expression: minute, hour, day of month, month, day of week. Each field
 * is {@code *} or a comma-separated list of values, ranges {@code a-b} and steps ({@code *}/n,
 * {@code a-b/n}, {@code a/n} = a to the field's maximum every n); months and week days also take
 * English names ({@code jan}, {@code mon}); day of week 0 and 7 are both Sunday. When both day
 * fields are restricted (neither starts with {@code *}) a day matches if either matches, as in
 * Vixie cron.
 *
 * <p>Matching is on local wall-clock time in a zone. Across daylight-saving changes: a local time
 * that does not exist (the hour skipped in spring) does not fire that day; a local time that
 * occurs twice (the hour repeated in autumn) fires once, at its first occurrence. That is how
 * Quartz's CronTrigger behaves and what {@link #next} implements.
 */
public final class CronExpression {
  /** Far enough for "29 February on a Monday" (28 years), bounded so an impossible date ends. */
  private static final int SEARCH_DAYS = 366 * 29;
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean dayOfMonthRestricted;
  private final boolean dayOfWeekRestricted;

  private CronExpression(String expression, String[] fields) {
    this.expression = expression;
    this.minutes = field(fields[0], "minute", 0, 59, null);
    this.hours = field(fields[1], "hour", 0, 23, null);
    this.daysOfMonth = field(fields[2], "day of month", 1, 31, null);
    this.months = field(fields[3], "month", 1, 12, MONTHS);
    BitSet dow = field(fields[4], "day of week", 0, 7, DAYS);
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    this.daysOfWeek = dow;
    this.dayOfMonthRestricted = !fields[2].startsWith("*");
    this.dayOfWeekRestricted = !fields[4].startsWith("*");
  }

  /**
   * @throws IllegalArgumentException naming the field and the value when the expression is not a
   *     valid 5-field cron expression
   */
  public static CronExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("is required: 5 fields, e.g. '0 2 * * 1' for Mondays at 02:00");
    }
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "'" + expression + "' has " + fields.length
              + " field(s); expected 5: minute hour day-of-month month day-of-week");
    }
    return new CronExpression(expression.trim(), fields);
  }

  /** {@code mon}, {@code Monday}, {@code MONDAY} → {@link DayOfWeek#MONDAY}. */
  public static DayOfWeek dayOfWeek(String name) {
    if (name != null) {
      String lower = name.trim().toLowerCase(Locale.ROOT);
      for (DayOfWeek day : DayOfWeek.values()) {
        String full = day.name().toLowerCase(Locale.ROOT);
        if (lower.equals(full) || lower.equals(full.substring(0, 3))) {
          return day;
        }
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a day of the week (monday ... sunday, or mon ... sun)");
  }

  /** The first matching instant strictly after {@code after}, or null if none within 29 years. */
  public Instant next(Instant after, ZoneId zone) {
    LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate date = start.toLocalDate();
    for (int day = 0; day < SEARCH_DAYS; day++, date = date.plusDays(1)) {
      if (!matches(date)) {
        continue;
      }
      int firstMinuteOfDay = day == 0 ? start.getHour() * 60 + start.getMinute() : 0;
      for (int h = hours.nextSetBit(firstMinuteOfDay / 60); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          if (h * 60 + m < firstMinuteOfDay) {
            continue;
          }
          LocalDateTime local = date.atTime(h, m);
          List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
          if (offsets.isEmpty()) {
            continue; // skipped by a daylight-saving gap: no fire
          }
          // Of a repeated local time, the first occurrence (the earlier offset's instant).
          Instant instant = local.toInstant(offsets.get(0));
          if (instant.isAfter(after)) {
            return instant;
          }
        }
      }
    }
    return null;
  }

  private boolean matches(LocalDate date) {
    if (!months.get(date.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(date.getDayOfMonth());
    boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
    if (dayOfMonthRestricted && dayOfWeekRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static BitSet field(String text, String name, int min, int max, List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String item : text.split(",", -1)) {
      if (item.isEmpty()) {
        throw invalid(name, text, "has an empty list item");
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), name, text, null);
        if (step < 1 || step > max) {
          throw invalid(name, text, "has step " + step + "; a step must be between 1 and " + max);
        }
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else {
        int dash = range.indexOf('-', 1);
        if (dash >= 0) {
          from = number(range.substring(0, dash), name, text, names);
          to = number(range.substring(dash + 1), name, text, names);
        } else {
          from = number(range, name, text, names);
          to = slash >= 0 ? max : from;
        }
      }
      if (from < min || from > max || to < min || to > max) {
        throw invalid(name, text, "is out of range " + min + "-" + max);
      }
      if (from > to) {
        throw invalid(name, text, "has a range that ends before it starts (" + from + "-" + to + ")");
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String token, String name, String text, List<String> names) {
    if (names != null) {
      int index = names.indexOf(token.toLowerCase(Locale.ROOT));
      if (index >= 0) {
        return names == MONTHS ? index + 1 : index;
      }
    }
    if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 4) {
      throw invalid(name, text, "'" + token + "' is not a number" + (names == null ? "" : " or a name (" + names.get(0) + ", ...)"));
    }
    return Integer.parseInt(token);
  }

  private static IllegalArgumentException invalid(String name, String text, String problem) {
    return new IllegalArgumentException("the " + name + " field '" + text + "' " + problem);
  }

  @Override
  public String toString() {
    return expression;
  }
}
