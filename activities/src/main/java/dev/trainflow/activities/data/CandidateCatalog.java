package dev.trainflow.activities.data;

import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The candidates retrieval ranks over: one row per distinct candidate id with the candidate tower's
 * feature columns, sorted by id. Built from the whole sampled dataset, not only the train split, so
 * evaluation can retrieve items that training never saw (they get the out-of-vocabulary row).
 */
public final class CandidateCatalog {
  private CandidateCatalog() {}

  /** The catalog's columns: the candidate id, then each candidate feature's column once. */
  public static List<String> columns(FeatureConfig features) {
    List<String> columns = new ArrayList<>();
    columns.add(features.candidateIdColumn());
    for (FeatureSpec feature : features.candidateFeatures()) {
      for (String column : feature.columnsRead()) {
        if (!columns.contains(column)) {
          columns.add(column);
        }
      }
    }
    return columns;
  }

  /** The catalog of {@code interactions}; a candidate's features come from its first row. */
  public static CsvTable build(CsvTable interactions, FeatureConfig features) {
    List<String> columns = columns(features);
    int[] source = columns.stream().mapToInt(interactions::column).toArray();
    int id = source[0];
    Map<String, String[]> byId = new TreeMap<>();
    for (String[] row : interactions.rows()) {
      if (row[id].isEmpty() || byId.containsKey(row[id])) {
        continue;
      }
      String[] candidate = new String[source.length];
      for (int c = 0; c < source.length; c++) {
        candidate[c] = row[source[c]];
      }
      byId.put(row[id], candidate);
    }
    return new CsvTable(columns, new ArrayList<>(byId.values()));
  }
}
