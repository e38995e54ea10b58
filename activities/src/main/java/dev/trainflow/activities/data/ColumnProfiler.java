package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.FeatureStatistics;
import dev.trainflow.workflows.activities.ValueCount;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-column statistics of a table, as TFDV reports them: {@code count} is the number of present
 * (non-empty) cells, {@code missing} the empty ones; {@code distinct} counts distinct present
 * values; numeric columns get min, max, mean and population standard deviation over their finite
 * values; string columns get their most frequent values.
 */
public final class ColumnProfiler {
  public static final int TOP_VALUES = 10;

  private ColumnProfiler() {}

  public static List<FeatureStatistics> profile(CsvTable table, List<ColumnSpec> columns) {
    return columns.stream().map(c -> profile(table, c)).toList();
  }

  public static FeatureStatistics profile(CsvTable table, ColumnSpec column) {
    ColumnType type = ColumnType.of(column.type());
    Map<String, Long> counts = new HashMap<>();
    long missing = 0;
    long finite = 0;
    double mean = 0;
    double squares = 0; // Welford's sum of squared deviations: stable where sum(x²) - n·mean² is not
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (String value : table.values(column.name())) {
      if (value.isEmpty()) {
        missing++;
        continue;
      }
      counts.merge(value, 1L, Long::sum);
      if (type.isNumeric()) {
        double x = Double.parseDouble(value);
        if (Double.isFinite(x)) {
          finite++;
          double delta = x - mean;
          mean += delta / finite;
          squares += delta * (x - mean);
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    long count = table.size() - missing;
    boolean numeric = type.isNumeric() && finite > 0;
    List<ValueCount> top =
        type.isNumeric()
            ? List.of()
            : counts.entrySet().stream()
                .sorted(
                    Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_VALUES)
                .map(e -> new ValueCount(e.getKey(), e.getValue()))
                .toList();
    return new FeatureStatistics(
        column.name(),
        column.type(),
        count,
        missing,
        counts.size(),
        numeric ? min : null,
        numeric ? max : null,
        numeric ? mean : null,
        numeric ? Math.sqrt(squares / finite) : null,
        top);
  }
}
