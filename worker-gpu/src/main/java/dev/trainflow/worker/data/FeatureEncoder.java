package dev.trainflow.worker.data;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.activities.data.MultiValuedCells;
import dev.trainflow.worker.model.FeatureValues;
import dev.trainflow.worker.model.TimestampCycle;
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
 * exactly as the exported model does: an unknown or missing category is index 0 (out of
 * vocabulary), a missing number normalises to 0 (the mean) and falls into bucket 0, the lowest; a
 * multi-valued cell is the mean of its tokens' embeddings (none: a zero vector); a missing
 * timestamp is a zero cyclical vector; a cross hashes its cells joined by {@value
 * FeatureTransform#CROSS_SEPARATOR} (a missing cell joins as empty).
 */
public final class FeatureEncoder {
  private FeatureEncoder() {}

  /** Encodes every row of {@code table}; bad cells fail with {@code data_validation} naming the split. */
  public static TowerInput encode(TowerSpec tower, CsvTable table, String split) {
    List<FeatureValues> features = new ArrayList<>(tower.features().size());
    for (FeatureTransform feature : tower.features()) {
      List<String> columns = "cross".equals(feature.transform()) ? feature.columns() : List.of(feature.column());
      for (String column : columns) {
        if (!table.has(column)) {
          throw TrainingFailures.dataValidation(
              "the " + split + " split has no column '" + column + "' (feature '" + feature.name()
                  + "' of the " + tower.name() + " tower); its columns are " + table.header());
        }
      }
      features.add(
          switch (feature.transform()) {
            case "embedding" -> feature.separator() != null
                ? bag(feature, table.values(feature.column()))
                : FeatureValues.ofIndices(vocabularyIndices(feature, table.values(feature.column())));
            case "bucketize" -> FeatureValues.ofIndices(bucketIndices(feature, table.values(feature.column()), split));
            case "cyclical" -> FeatureValues.ofDense(cyclical(feature, table.values(feature.column()), split), feature.width());
            case "cross" -> FeatureValues.ofIndices(crossBuckets(feature, table));
            default -> FeatureValues.ofValues(normalized(feature, table.values(feature.column()), split));
          });
    }
    return new TowerInput(features, table.size());
  }

  private static Map<String, Integer> index(FeatureTransform feature) {
    Map<String, Integer> index = new HashMap<>(feature.vocabulary().size() * 2);
    for (int i = 0; i < feature.vocabulary().size(); i++) {
      index.putIfAbsent(feature.vocabulary().get(i), i + 1);
    }
    return index;
  }

  private static int[] vocabularyIndices(FeatureTransform feature, String[] cells) {
    Map<String, Integer> index = index(feature);
    int[] indices = new int[cells.length];
    for (int r = 0; r < cells.length; r++) {
      indices[r] = index.getOrDefault(cells[r], 0);
    }
    return indices;
  }

  /** Each row's token indices padded to the split's longest row, with weights 1/tokens (0 for padding). */
  private static FeatureValues bag(FeatureTransform feature, String[] cells) {
    Map<String, Integer> index = index(feature);
    List<List<String>> tokens = new ArrayList<>(cells.length);
    int width = 1;
    for (String cell : cells) {
      List<String> row = MultiValuedCells.tokens(cell, feature.separator());
      tokens.add(row);
      width = Math.max(width, row.size());
    }
    int[] indices = new int[cells.length * width];
    float[] weights = new float[cells.length * width];
    for (int r = 0; r < cells.length; r++) {
      List<String> row = tokens.get(r);
      for (int t = 0; t < row.size(); t++) {
        indices[r * width + t] = index.getOrDefault(row.get(t), 0);
        weights[r * width + t] = 1f / row.size();
      }
    }
    return FeatureValues.ofBag(indices, weights, width);
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

  /** Per row, sin and cos of the timestamp's phase in each cycle, in the feature's cycle order. */
  private static float[] cyclical(FeatureTransform feature, String[] cells, String split) {
    List<TimestampCycle> cycles = feature.cycles().stream().map(TimestampCycle::named).toList();
    int width = 2 * cycles.size();
    float[] values = new float[cells.length * width];
    for (int r = 0; r < cells.length; r++) {
      if (cells[r].isEmpty()) {
        continue;
      }
      long seconds = (long) Math.floor(number(feature, cells[r], split, r));
      for (int c = 0; c < cycles.size(); c++) {
        double angle = 2 * Math.PI * cycles.get(c).phase(seconds);
        values[r * width + 2 * c] = (float) Math.sin(angle);
        values[r * width + 2 * c + 1] = (float) Math.cos(angle);
      }
    }
    return values;
  }

  private static int[] crossBuckets(FeatureTransform feature, CsvTable table) {
    List<String[]> columns = feature.columns().stream().map(table::values).toList();
    String[] joined = new String[table.size()];
    StringBuilder cell = new StringBuilder();
    for (int r = 0; r < joined.length; r++) {
      cell.setLength(0);
      for (int c = 0; c < columns.size(); c++) {
        if (c > 0) {
          cell.append(FeatureTransform.CROSS_SEPARATOR);
        }
        cell.append(columns.get(c)[r]);
      }
      joined[r] = cell.toString();
    }
    long[] buckets = StringHashing.buckets(joined, feature.hashBuckets());
    int[] indices = new int[buckets.length];
    for (int r = 0; r < indices.length; r++) {
      indices[r] = (int) buckets[r];
    }
    return indices;
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
