package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.FeatureStatistics;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a dataset's inferred schema and values with the feature config that will train on it
 * and with the dataset's previous schema.
 *
 * <p>Breaking: a column the config names that the dataset lacks; a feature whose declared type the
 * column cannot supply; a cell that is not of its column's type; an empty split; a split without
 * a single interaction (a row with both ids); NaN or infinity in a float feature; a feature with no
 * value in the train split. Not breaking: columns added, removed or retyped since the previous
 * schema where no feature is hurt.
 */
public final class SchemaAnomalyDetector {
  /** Enough examples of bad cells to find the problem, without a message the size of the data. */
  private static final int MAX_REPORTED_CELLS = 5;

  private SchemaAnomalyDetector() {}

  /** Each column the config names that {@code columns} lacks, with the config field naming it. */
  public static List<String> missingColumns(FeatureConfig config, List<String> columns) {
    List<String> problems = new ArrayList<>();
    configColumns(config)
        .forEach(
            (field, column) -> {
              if (column != null && !columns.contains(column)) {
                problems.add(
                    field + ": the dataset has no column '" + column + "' (columns: "
                        + String.join(", ", columns) + ")");
              }
            });
    return problems;
  }

  /** Whether a feature declared as {@code featureType} can read a column of {@code columnType}. */
  public static boolean canRead(String featureType, String columnType) {
    if (featureType.equals(columnType) || "string".equals(featureType)) {
      return true; // any value can be a vocabulary token
    }
    return switch (featureType) {
      case "float" -> "int".equals(columnType) || "timestamp".equals(columnType);
      case "int", "timestamp" -> "int".equals(columnType) || "timestamp".equals(columnType);
      default -> false;
    };
  }

  /**
   * @param splits the example splits by name, in order (train, validation, test)
   * @param trainStatistics the Statistics stage's summary of the train split
   * @param previous the dataset's schema from its previous run, or null
   */
  public static SchemaAnomalies detect(
      FeatureConfig config,
      List<ColumnSpec> columns,
      Map<String, CsvTable> splits,
      List<FeatureStatistics> trainStatistics,
      DatasetSchema previous) {
    List<String> breaking = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    columns.forEach(c -> types.put(c.name(), c.type()));
    List<String> names = List.copyOf(types.keySet());

    breaking.addAll(missingColumns(config, names));
    features(config).forEach((field, feature) -> featureType(field, feature, types, breaking));
    String timestamp = config.timestampColumn();
    if (timestamp != null && types.containsKey(timestamp) && "string".equals(types.get(timestamp))) {
      breaking.add("feature_config.timestamp_column: column '" + timestamp + "' is string, not a timestamp");
    }
    String label = config.labelColumn();
    if (label != null && types.containsKey(label) && "string".equals(types.get(label))) {
      breaking.add("feature_config.label_column: column '" + label + "' is string; a ranking label must be a number");
    }
    splits.forEach((split, table) -> splitValues(split, table, columns, breaking));
    floatFeatureValues(config, types, splits, breaking);
    missingLabels(label, types, splits, breaking);
    splits.forEach((split, table) -> interactions(split, table, config, breaking));
    emptyTrainColumns(config, types, trainStatistics, breaking);

    return new SchemaAnomalies(List.copyOf(breaking), previous == null ? List.of() : drift(config, types, previous));
  }

  private static void featureType(String field, FeatureSpec feature, Map<String, String> types, List<String> breaking) {
    if (FeatureSpec.CROSS.equals(feature.transform())) {
      return; // a cross hashes the cells as text: any column type will do
    }
    String columnType = types.get(feature.column());
    if (columnType == null) {
      return; // reported as a missing column
    }
    String name = "'" + feature.featureName() + "'";
    if (FeatureSpec.CYCLICAL.equals(feature.transform()) && !"timestamp".equals(columnType) && !"int".equals(columnType)) {
      breaking.add(
          field + " " + name + ": cyclical needs a timestamp column (epoch seconds), but column '" + feature.column()
              + "' is " + columnType);
    } else if (feature.type() != null && !canRead(feature.type(), columnType)) {
      breaking.add(
          field + " " + name + " is declared " + feature.type() + ", but column '" + feature.column()
              + "' is " + columnType);
    } else if (!"embedding".equals(feature.transform()) && "string".equals(columnType)) {
      breaking.add(
          field + " " + name + ": " + feature.transform() + " needs a numeric column, but column '"
              + feature.column() + "' is string");
    }
  }

  private static void splitValues(String split, CsvTable table, List<ColumnSpec> columns, List<String> breaking) {
    if (table.size() == 0) {
      breaking.add("the " + split + " split is empty");
      return;
    }
    for (ColumnSpec column : columns) {
      if (!table.has(column.name())) {
        breaking.add("the " + split + " split has no column '" + column.name() + "'");
        continue;
      }
      ColumnType type = ColumnType.of(column.type());
      String[] values = table.values(column.name());
      int bad = 0;
      for (int r = 0; r < values.length; r++) {
        if (!type.accepts(values[r]) && ++bad <= MAX_REPORTED_CELLS) {
          breaking.add(
              "column '" + column.name() + "' in the " + split + " split, row " + (r + 2) + ": '" + values[r]
                  + "' is not a " + column.type());
        }
      }
    }
  }

  private static void floatFeatureValues(
      FeatureConfig config, Map<String, String> types, Map<String, CsvTable> splits, List<String> breaking) {
    List<String> checked = new ArrayList<>(featureColumns(config));
    if (config.labelColumn() != null && !checked.contains(config.labelColumn())) {
      checked.add(config.labelColumn());
    }
    for (String column : checked) {
      if (!"float".equals(types.get(column))) {
        continue;
      }
      List<String> found = new ArrayList<>();
      splits.forEach(
          (split, table) -> {
            if (!table.has(column)) {
              return;
            }
            long nonFinite = 0;
            for (String value : table.values(column)) {
              if (value.endsWith("NaN") || value.endsWith("Infinity")) {
                nonFinite++;
              }
            }
            if (nonFinite > 0) {
              found.add(nonFinite + " in " + split);
            }
          });
      if (!found.isEmpty()) {
        breaking.add("float column '" + column + "' has NaN or infinite values: " + String.join(", ", found));
      }
    }
  }

  private static void missingLabels(
      String label, Map<String, String> types, Map<String, CsvTable> splits, List<String> breaking) {
    if (label == null || !types.containsKey(label)) {
      return;
    }
    List<String> found = new ArrayList<>();
    splits.forEach(
        (split, table) -> {
          if (!table.has(label)) {
            return;
          }
          long missing = 0;
          for (String value : table.values(label)) {
            if (value.isEmpty()) {
              missing++;
            }
          }
          if (missing > 0) {
            found.add(missing + " in " + split);
          }
        });
    if (!found.isEmpty()) {
      breaking.add(
          "feature_config.label_column: column '" + label + "' has empty cells, and every ranking example needs"
              + " a label: " + String.join(", ", found));
    }
  }

  private static void interactions(String split, CsvTable table, FeatureConfig config, List<String> breaking) {
    String query = config.queryIdColumn();
    String candidate = config.candidateIdColumn();
    if (table.size() == 0 || !table.has(query) || !table.has(candidate)) {
      return; // reported as empty or missing
    }
    int q = table.column(query);
    int c = table.column(candidate);
    for (String[] row : table.rows()) {
      if (!row[q].isEmpty() && !row[c].isEmpty()) {
        return;
      }
    }
    breaking.add(
        "the " + split + " split has no interactions: no row has both a '" + query + "' and a '" + candidate + "'");
  }

  private static void emptyTrainColumns(
      FeatureConfig config, Map<String, String> types, List<FeatureStatistics> statistics, List<String> breaking) {
    if (statistics == null) {
      return;
    }
    Set<String> used = Set.copyOf(featureColumns(config));
    for (FeatureStatistics s : statistics) {
      if (used.contains(s.column()) && types.containsKey(s.column()) && s.count() == 0 && s.missing() > 0) {
        breaking.add("column '" + s.column() + "' has no values in the train split (" + s.missing() + " missing)");
      }
    }
  }

  private static List<String> drift(FeatureConfig config, Map<String, String> types, DatasetSchema previous) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> before = new LinkedHashMap<>();
    previous.columns().forEach(c -> before.put(c.name(), c.type()));
    Set<String> used = Set.copyOf(configColumns(config).values().stream().filter(Objects::nonNull).toList());
    types.forEach(
        (name, type) -> {
          if (!before.containsKey(name)) {
            warnings.add("column '" + name + "' (" + type + ") is new since the previous schema");
          } else if (!before.get(name).equals(type)) {
            warnings.add(
                "column '" + name + "' changed type from " + before.get(name) + " to " + type
                    + " since the previous schema");
          }
        });
    before.keySet().stream()
        .filter(name -> !types.containsKey(name) && !used.contains(name))
        .forEach(name -> warnings.add("column '" + name + "' is gone since the previous schema; no feature reads it"));
    return warnings;
  }

  /** Config field → column, for every column reference of the config. */
  private static Map<String, String> configColumns(FeatureConfig config) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("feature_config.query_id_column", config.queryIdColumn());
    columns.put("feature_config.candidate_id_column", config.candidateIdColumn());
    features(config)
        .forEach(
            (field, feature) -> {
              if (FeatureSpec.CROSS.equals(feature.transform())) {
                List<String> crossed = feature.columnsRead();
                for (int i = 0; i < crossed.size(); i++) {
                  columns.put(field + ".columns[" + i + "]", crossed.get(i));
                }
              } else {
                columns.put(field + ".column", feature.column());
              }
            });
    columns.put("feature_config.timestamp_column", config.timestampColumn());
    columns.put("feature_config.label_column", config.labelColumn());
    return columns;
  }

  private static Map<String, FeatureSpec> features(FeatureConfig config) {
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    addFeatures(features, "feature_config.query_features", config.queryFeatures());
    addFeatures(features, "feature_config.candidate_features", config.candidateFeatures());
    return features;
  }

  private static void addFeatures(Map<String, FeatureSpec> into, String field, List<FeatureSpec> features) {
    if (features != null) {
      for (int i = 0; i < features.size(); i++) {
        into.put(field + "[" + i + "]", features.get(i));
      }
    }
  }

  private static List<String> featureColumns(FeatureConfig config) {
    return features(config).values().stream()
        .flatMap(f -> f.columnsRead().stream())
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }
}
