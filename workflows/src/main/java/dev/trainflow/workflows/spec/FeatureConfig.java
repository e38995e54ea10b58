package dev.trainflow.workflows.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which dataset columns feed the query tower and the candidate tower, which columns identify a
 * query and a candidate, and (for ranking and multitask models) which column is the label.
 *
 * <p>A tabular feature config (classification and regression models) names only the label: every
 * other column is a feature except {@code ignoredColumns} (identifiers); {@code
 * categoricalColumns} names the categorical ones, or, when null, every column with a non-numeric
 * value is one.
 */
public record FeatureConfig(
    String queryIdColumn,
    String candidateIdColumn,
    List<FeatureSpec> queryFeatures,
    List<FeatureSpec> candidateFeatures,
    String timestampColumn,
    String labelColumn,
    List<String> ignoredColumns,
    List<String> categoricalColumns) {

  /** The fields before the tabular ones, so callers that predate them keep compiling. */
  public FeatureConfig(
      String queryIdColumn,
      String candidateIdColumn,
      List<FeatureSpec> queryFeatures,
      List<FeatureSpec> candidateFeatures,
      String timestampColumn,
      String labelColumn) {
    this(queryIdColumn, candidateIdColumn, queryFeatures, candidateFeatures, timestampColumn, labelColumn, null, null);
  }

  /** A tabular feature config: a label, identifiers to leave out, categorical columns or null. */
  public static FeatureConfig tabular(String labelColumn, List<String> ignoredColumns, List<String> categoricalColumns) {
    return new FeatureConfig(null, null, null, null, null, labelColumn, ignoredColumns, categoricalColumns);
  }

  /** No tower: a label over a table. */
  public boolean tabular() {
    return queryIdColumn == null && candidateIdColumn == null && queryFeatures == null && candidateFeatures == null;
  }

  /** The fields of the first release, so callers that predate the newer ones keep compiling. */
  public FeatureConfig(
      String queryIdColumn,
      String candidateIdColumn,
      List<FeatureSpec> queryFeatures,
      List<FeatureSpec> candidateFeatures,
      String timestampColumn) {
    this(queryIdColumn, candidateIdColumn, queryFeatures, candidateFeatures, timestampColumn, null);
  }

  /** Every column the config reads, query side first, without duplicates. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    addIfAbsent(columns, queryIdColumn);
    addIfAbsent(columns, candidateIdColumn);
    if (queryFeatures != null) {
      queryFeatures.forEach(f -> f.columnsRead().forEach(c -> addIfAbsent(columns, c)));
    }
    if (candidateFeatures != null) {
      candidateFeatures.forEach(f -> f.columnsRead().forEach(c -> addIfAbsent(columns, c)));
    }
    addIfAbsent(columns, timestampColumn);
    addIfAbsent(columns, labelColumn);
    return columns;
  }

  private static void addIfAbsent(List<String> list, String value) {
    if (value != null && !list.contains(value)) {
      list.add(value);
    }
  }
}
