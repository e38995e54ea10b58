package dev.trainflow.activities.quality;

import dev.trainflow.activities.data.ColumnType;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.activities.quality.DataCheckResult.SampleRow;
import dev.trainflow.workflows.spec.DataValidationSpec;
import dev.trainflow.workflows.spec.DataValidationSpec.Consistency;
import dev.trainflow.workflows.spec.DataValidationSpec.Freshness;
import dev.trainflow.workflows.spec.DataValidationSpec.Uniqueness;
import dev.trainflow.workflows.spec.DataValidationSpec.Validity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Runs a {@link DataValidationSpec} over a table. Each check reports what it observed next to its
 * threshold and a few offending rows, so a failure can be acted on without reading the data. A
 * column the table lacks fails the check that names it (the spec was written for other data).
 */
public final class DataValidator {
  private static final int SAMPLE_ROWS = 5;
  private static final double SECONDS_PER_DAY = 86_400.0;

  private final Instant now;

  /** @param now the time freshness is measured against */
  public DataValidator(Instant now) {
    this.now = now;
  }

  public DataValidationReport validate(Long runId, String datasetChecksum, CsvTable table, DataValidationSpec spec) {
    List<DataCheckResult> checks = new ArrayList<>();
    if (spec.minRows() != null) {
      checks.add(minRows(table, spec.minRows()));
    }
    if (spec.completeness() != null) {
      spec.completeness().forEach((column, maxRatio) -> checks.add(completeness(table, column, maxRatio)));
    }
    if (spec.validity() != null) {
      spec.validity().forEach(rule -> checks.addAll(validity(table, rule)));
    }
    if (spec.uniqueness() != null) {
      spec.uniqueness().forEach(rule -> checks.add(uniqueness(table, rule)));
    }
    if (spec.consistency() != null) {
      spec.consistency().forEach(rule -> checks.add(consistency(table, rule)));
    }
    if (spec.freshness() != null) {
      checks.add(freshness(table, spec.freshness()));
    }
    boolean passed = checks.stream().allMatch(DataCheckResult::passed);
    return new DataValidationReport(runId, datasetChecksum, table.size(), passed, List.copyOf(checks));
  }

  private static DataCheckResult minRows(CsvTable table, long min) {
    boolean passed = table.size() >= min;
    return new DataCheckResult(
        "min_rows", "min_rows", null, passed, (double) table.size(), (double) min,
        "min_rows: " + table.size() + " rows, at least " + min + " required", List.of());
  }

  private static DataCheckResult completeness(CsvTable table, String column, double maxRatio) {
    if (!table.has(column)) {
      return missingColumn("completeness", "completeness", column, maxRatio, table);
    }
    int c = table.column(column);
    Offenders missing = offenders(table, r -> blank(table.rows().get(r)[c]));
    double ratio = table.size() == 0 ? 0.0 : (double) missing.count / table.size();
    boolean passed = ratio <= maxRatio;
    return new DataCheckResult(
        "completeness", "completeness", column, passed, ratio, maxRatio,
        String.format(Locale.ROOT, "completeness of '%s': missing ratio %.4f (%d of %d rows), at most %.4f allowed",
            column, ratio, missing.count, table.size(), maxRatio),
        missing.samples);
  }

  private static List<DataCheckResult> validity(CsvTable table, Validity rule) {
    String column = rule.column();
    if (!table.has(column)) {
      return List.of(missingColumn("validity", "validity", column, 0, table));
    }
    int c = table.column(column);
    List<DataCheckResult> results = new ArrayList<>();
    if (rule.type() != null) {
      ColumnType type = ColumnType.valueOf(rule.type().toUpperCase(Locale.ROOT));
      results.add(
          invalid(table, column, "type", "not of type " + rule.type(), r -> !type.accepts(table.rows().get(r)[c])));
    }
    if (rule.min() != null || rule.max() != null) {
      double min = rule.min() != null ? rule.min() : Double.NEGATIVE_INFINITY;
      double max = rule.max() != null ? rule.max() : Double.POSITIVE_INFINITY;
      // A cell that is no number is the type rule's to report when there is one, else this one's.
      boolean typeReportsNonNumbers = rule.type() != null;
      results.add(
          invalid(table, column, "range",
              "outside [" + fmt(min) + ", " + fmt(max) + "]" + (typeReportsNonNumbers ? "" : " or not a number"),
              r -> {
                String cell = table.rows().get(r)[c];
                if (blank(cell)) {
                  return false;
                }
                Double value = number(cell);
                return value == null ? !typeReportsNonNumbers : value < min || value > max;
              }));
    }
    if (rule.allowed() != null) {
      Set<String> allowed = new HashSet<>(rule.allowed());
      results.add(
          invalid(table, column, "allowed", "not one of " + rule.allowed(),
              r -> {
                String cell = table.rows().get(r)[c];
                return !blank(cell) && !allowed.contains(cell);
              }));
    }
    if (rule.pattern() != null) {
      Pattern pattern = Pattern.compile(rule.pattern());
      results.add(
          invalid(table, column, "pattern", "not matching /" + rule.pattern() + "/",
              r -> {
                String cell = table.rows().get(r)[c];
                return !blank(cell) && !pattern.matcher(cell).matches();
              }));
    }
    return results;
  }

  private static DataCheckResult invalid(CsvTable table, String column, String rule, String what, IntPredicate bad) {
    Offenders found = offenders(table, bad);
    return new DataCheckResult(
        "validity", rule, column, found.count == 0, (double) found.count, 0,
        String.format(Locale.ROOT, "validity (%s) of '%s': %d of %d rows %s", rule, column, found.count, table.size(), what),
        found.samples);
  }

  private static DataCheckResult uniqueness(CsvTable table, Uniqueness rule) {
    String columns = String.join(",", rule.columns());
    for (String column : rule.columns()) {
      if (!table.has(column)) {
        return missingColumn("uniqueness", "uniqueness", column, 0, table);
      }
    }
    int[] key = rule.columns().stream().mapToInt(table::column).toArray();
    Map<List<String>, Integer> seen = new HashMap<>();
    Offenders duplicates =
        offenders(
            table,
            r -> {
              String[] row = table.rows().get(r);
              List<String> values = new ArrayList<>(key.length);
              for (int k : key) {
                values.add(row[k]);
              }
              return seen.putIfAbsent(values, r) != null;
            });
    return new DataCheckResult(
        "uniqueness", "uniqueness", columns, duplicates.count == 0, (double) duplicates.count, 0,
        String.format(Locale.ROOT, "uniqueness of '%s': %d of %d rows repeat a key", columns, duplicates.count, table.size()),
        duplicates.samples);
  }

  private static DataCheckResult consistency(CsvTable table, Consistency rule) {
    String columns = rule.left() + "," + rule.right();
    for (String column : List.of(rule.left(), rule.right())) {
      if (!table.has(column)) {
        return missingColumn("consistency", "consistency", column, 0, table);
      }
    }
    int l = table.column(rule.left());
    int rt = table.column(rule.right());
    Offenders broken =
        offenders(
            table,
            r -> {
              String[] row = table.rows().get(r);
              if (blank(row[l]) || blank(row[rt])) {
                return false;
              }
              return !holds(compare(row[l], row[rt]), rule.operator());
            });
    return new DataCheckResult(
        "consistency", "consistency", columns, broken.count == 0, (double) broken.count, 0,
        String.format(Locale.ROOT, "consistency '%s' over '%s' and '%s': %d of %d rows break it",
            rule.describe(), rule.left(), rule.right(), broken.count, table.size()),
        broken.samples);
  }

  private DataCheckResult freshness(CsvTable table, Freshness rule) {
    String column = rule.column();
    if (!table.has(column)) {
      return missingColumn("freshness", "freshness", column, rule.maxAgeDays(), table);
    }
    int c = table.column(column);
    Instant newest = null;
    int newestRow = -1;
    Offenders unreadable = offenders(table, r -> {
      String cell = table.rows().get(r)[c];
      return !blank(cell) && instant(cell) == null;
    });
    for (int r = 0; r < table.size(); r++) {
      Instant t = instant(table.rows().get(r)[c]);
      if (t != null && (newest == null || t.isAfter(newest))) {
        newest = t;
        newestRow = r;
      }
    }
    if (newest == null) {
      return new DataCheckResult(
          "freshness", "freshness", column, false, null, rule.maxAgeDays(),
          "freshness of '" + column + "': no readable timestamp in " + table.size() + " rows", unreadable.samples);
    }
    double ageDays = Duration.between(newest, now).toSeconds() / SECONDS_PER_DAY;
    boolean passed = ageDays <= rule.maxAgeDays();
    return new DataCheckResult(
        "freshness", "freshness", column, passed, ageDays, rule.maxAgeDays(),
        String.format(Locale.ROOT, "freshness of '%s': newest value %s is %.1f days old, at most %s allowed",
            column, newest, ageDays, fmt(rule.maxAgeDays())),
        passed ? List.of() : List.of(sample(table, newestRow)));
  }

  private static DataCheckResult missingColumn(String check, String rule, String column, double threshold, CsvTable table) {
    return new DataCheckResult(
        check, rule, column, false, null, threshold,
        check + " of '" + column + "': the data has no column '" + column + "' (columns: " + String.join(", ", table.header()) + ")",
        List.of());
  }

  private record Offenders(long count, List<SampleRow> samples) {}

  private static Offenders offenders(CsvTable table, IntPredicate bad) {
    long count = 0;
    List<SampleRow> samples = new ArrayList<>();
    for (int r = 0; r < table.size(); r++) {
      if (bad.test(r)) {
        count++;
        if (samples.size() < SAMPLE_ROWS) {
          samples.add(sample(table, r));
        }
      }
    }
    return new Offenders(count, List.copyOf(samples));
  }

  private static SampleRow sample(CsvTable table, int r) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] row = table.rows().get(r);
    for (int i = 0; i < table.header().size(); i++) {
      values.put(table.header().get(i), i < row.length ? row[i] : null);
    }
    return new SampleRow(r, values);
  }

  private static int compare(String left, String right) {
    Double a = number(left);
    Double b = number(right);
    if (a != null && b != null) {
      return Double.compare(a, b);
    }
    return left.compareTo(right);
  }

  private static boolean holds(int comparison, String operator) {
    return switch (operator) {
      case "<" -> comparison < 0;
      case "<=" -> comparison <= 0;
      case ">" -> comparison > 0;
      case ">=" -> comparison >= 0;
      case "==" -> comparison == 0;
      case "!=" -> comparison != 0;
      default -> throw new IllegalArgumentException("unknown operator '" + operator + "'");
    };
  }

  private static Double number(String cell) {
    if (!ColumnType.FLOAT.accepts(cell)) {
      return null;
    }
    double value = Double.parseDouble(cell);
    return Double.isNaN(value) ? null : value;
  }

  /** Epoch seconds (the timestamp column type), an ISO-8601 instant or offset time, or a date. */
  static Instant instant(String cell) {
    if (blank(cell)) {
      return null;
    }
    if (ColumnType.TIMESTAMP.accepts(cell)) {
      return Instant.ofEpochSecond(Long.parseLong(cell));
    }
    try {
      return OffsetDateTime.parse(cell).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return Instant.parse(cell);
      } catch (DateTimeParseException notInstant) {
        try {
          return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          return null;
        }
      }
    }
  }

  private static boolean blank(String cell) {
    return cell == null || cell.isEmpty();
  }

  private static String fmt(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
