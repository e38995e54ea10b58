package dev.trainflow.workflows.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which dataset columns feed the query tower and the candidate tower, and which columns identify a
 * query and a candidate.
 */
public record FeatureConfig(
    String queryIdColumn,
    String candidateIdColumn,
    List<FeatureSpec> queryFeatures,
    List<FeatureSpec> candidateFeatures,
    String timestampColumn) {

  /** Every column the config reads, query side first, without duplicates. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    addIfAbsent(columns, queryIdColumn);
    addIfAbsent(columns, candidateIdColumn);
    if (queryFeatures != null) {
      queryFeatures.forEach(f -> addIfAbsent(columns, f.column()));
    }
    if (candidateFeatures != null) {
      candidateFeatures.forEach(f -> addIfAbsent(columns, f.column()));
    }
    addIfAbsent(columns, timestampColumn);
    return columns;
  }

  private static void addIfAbsent(List<String> list, String value) {
    if (value != null && !list.contains(value)) {
      list.add(value);
    }
  }
}
