package dev.trainflow.activities.drift;

import dev.trainflow.activities.data.ColumnType;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.workflows.spec.DriftSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares two tables column by column, numeric columns as numbers and string columns as categories. */
public final class DriftDetector {
  private DriftDetector() {}

  /**
   * @param types the current data's column types: what decides numeric or categorical
   */
  public static List<FeatureDrift> compare(CsvTable reference, CsvTable current, Map<String, ColumnType> types, DriftSpec spec) {
    List<String> features = spec.features() != null ? spec.features() : defaultFeatures(reference, current, types);
    List<FeatureDrift> out = new ArrayList<>();
    for (String feature : features) {
      ColumnType type = types.get(feature);
      boolean numeric = type != null && type.isNumeric();
      String kind = numeric ? FeatureDrift.NUMERIC : FeatureDrift.CATEGORICAL;
      double threshold = spec.thresholdFor(feature);
      if (!reference.has(feature) || !current.has(feature)) {
        out.add(FeatureDrift.skipped(feature, kind, 0, 0, threshold,
            "no column '" + feature + "' in the " + (reference.has(feature) ? "current" : "reference") + " data"));
      } else if (numeric) {
        out.add(NumericDrift.compare(feature, numbers(reference, feature), numbers(current, feature), spec.binCount(), threshold));
      } else {
        out.add(CategoricalDrift.compare(feature, present(reference, feature), present(current, feature), threshold));
      }
    }
    return out;
  }

  private static List<String> defaultFeatures(CsvTable reference, CsvTable current, Map<String, ColumnType> types) {
    return current.header().stream()
        .filter(reference::has)
        .filter(c -> types.get(c) != null && types.get(c) != ColumnType.TIMESTAMP)
        .toList();
  }

  private static double[] numbers(CsvTable table, String column) {
    return present(table, column).stream()
        .filter(ColumnType.FLOAT::accepts)
        .mapToDouble(Double::parseDouble)
        .filter(Double::isFinite)
        .toArray();
  }

  private static List<String> present(CsvTable table, String column) {
    List<String> values = new ArrayList<>();
    for (String cell : table.values(column)) {
      if (cell != null && !cell.isEmpty()) {
        values.add(cell);
      }
    }
    return values;
  }
}
