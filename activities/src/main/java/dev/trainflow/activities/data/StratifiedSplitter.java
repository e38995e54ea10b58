package dev.trainflow.activities.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Examples split of a tabular classification run: each label value keeps its share in the
 * test split (a rare churn class is not left out of it by chance), rows drawn by a seeded shuffle
 * within each class. Regression runs split every row as one stratum.
 */
public final class StratifiedSplitter {
  private StratifiedSplitter() {}

  /**
   * @param label the column whose values are the strata; null for one stratum
   * @return train and test, in the table's row order; validation empty (tabular runs
   *     cross-validate on the training split instead)
   */
  public static ExampleSplits split(CsvTable table, String label, double testFraction, long seed) {
    Map<String, List<Integer>> strata = new LinkedHashMap<>();
    String[] values = label == null ? null : table.values(label);
    for (int i = 0; i < table.size(); i++) {
      strata.computeIfAbsent(values == null ? "" : values[i], k -> new ArrayList<>()).add(i);
    }
    boolean[] test = new boolean[table.size()];
    Random random = new Random(seed);
    for (List<Integer> rows : strata.values()) {
      List<Integer> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, random);
      // at least one test row per class with two or more rows, so every class is measured
      int take = (int) Math.round(rows.size() * testFraction);
      if (take == 0 && rows.size() >= 2) {
        take = 1;
      }
      for (int k = 0; k < take; k++) {
        test[shuffled.get(k)] = true;
      }
    }
    List<String[]> trainRows = new ArrayList<>();
    List<String[]> testRows = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      (test[i] ? testRows : trainRows).add(table.rows().get(i));
    }
    return new ExampleSplits(
        new CsvTable(table.header(), trainRows), new CsvTable(table.header(), List.of()), new CsvTable(table.header(), testRows));
  }
}
