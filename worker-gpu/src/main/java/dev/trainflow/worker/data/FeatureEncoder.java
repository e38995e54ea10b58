package dev.trainflow.worker.data;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.model.FeatureValues;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.FeatureTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a table's cells into a tower's inputs, applying the Transform stage's fitted transforms
 * exactly as serving must: an unknown or missing category is index 0 (out of vocabulary), a
 * missing number normalises to 0 (the mean) and falls into bucket 0, the lowest.
 */
public final class FeatureEncoder {
  private FeatureEncoder() {}

  /** Encodes every row of {@code table}; bad cells fail with {@code data_validation} naming the split. */
  public static TowerInput encode(TowerSpec tower, CsvTable table, String split) {
    List<FeatureValues> features = new ArrayList<>(tower.features().size());
    for (FeatureTransform feature : tower.features()) {
      if (!table.has(feature.column())) {
        throw TrainingFailures.dataValidation(
            "the " + split + " split has no column '" + feature.column() + "' (feature '" + feature.name()
                + "' of the " + tower.name() + " tower); its columns are " + table.header());
      }
      String[] cells = table.values(feature.column());
      features.add(
          switch (feature.transform()) {
            case "embedding" -> FeatureValues.ofIndices(vocabularyIndices(feature, cells));
            case "bucketize" -> FeatureValues.ofIndices(bucketIndices(feature, cells, split));
            default -> FeatureValues.ofValues(normalized(feature, cells, split));
          });
    }
    return new TowerInput(features, table.size());
  }

  private static int[] vocabularyIndices(FeatureTransform feature, String[] cells) {
    Map<String, Integer> index = new HashMap<>(feature.vocabulary().size() * 2);
    for (int i = 0; i < feature.vocabulary().size(); i++) {
      index.putIfAbsent(feature.vocabulary().get(i), i + 1);
    }
    int[] indices = new int[cells.length];
    for (int r = 0; r < cells.length; r++) {
      indices[r] = index.getOrDefault(cells[r], 0);
    }
    return indices;
  }

  private static int[] bucketIndices(FeatureTransform feature, String[] cells, String split) {
    double[] boundaries = feature.boundaries().stream().mapToDouble(Double::doubleValue).toArray();
    int[] indices = new int[cells.length];
    for (int r = 0; r < cells.length; r++) {
      if (!cells[r].isEmpty()) {
        indices[r] = bucketOf(boundaries, number(feature, cells[r], split, r));
      }
    }
    return indices;
  }

  /** The number of boundaries <= x: bucket i holds values below boundaries[i]. */
  static int bucketOf(double[] boundaries, double x) {
    int low = 0;
    int high = boundaries.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (boundaries[mid] <= x) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static float[] normalized(FeatureTransform feature, String[] cells, String split) {
    double mean = feature.mean();
    double std = feature.std() > 0 ? feature.std() : 1.0;
    float[] values = new float[cells.length];
    for (int r = 0; r < cells.length; r++) {
      if (!cells[r].isEmpty()) {
        values[r] = (float) ((number(feature, cells[r], split, r) - mean) / std);
      }
    }
    return values;
  }

  private static double number(FeatureTransform feature, String cell, String split, int row) {
    double value;
    try {
      value = Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value)) {
      throw TrainingFailures.dataValidation(
          "the " + split + " split's column '" + feature.column() + "' holds '" + cell + "' in data row " + (row + 1)
              + ", not a finite number");
    }
    return value;
  }
}
