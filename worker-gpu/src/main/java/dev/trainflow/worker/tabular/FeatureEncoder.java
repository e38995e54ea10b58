package dev.trainflow.worker.tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a table's feature columns into numbers, with categories learned from the training rows
 * only (no leakage from evaluation rows). A category unseen in training encodes as all zeros
 * (one-hot) or as missing (ordinal); an empty numeric cell is missing (NaN), which both libraries
 * route down a learned default branch.
 */
public final class FeatureEncoder {
  private final List<String> columns;
  private final int[] sourceIndex;
  private final Map<String, List<String>> levels;
  private final CategoricalEncoding encoding;
  private final List<String> encodedNames = new ArrayList<>();
  private final List<String> encodedSource = new ArrayList<>();

  private FeatureEncoder(
      List<String> columns, int[] sourceIndex, Map<String, List<String>> levels, CategoricalEncoding encoding) {
    this.columns = columns;
    this.sourceIndex = sourceIndex;
    this.levels = levels;
    this.encoding = encoding;
    for (String column : columns) {
      List<String> columnLevels = levels.get(column);
      if (columnLevels != null && encoding == CategoricalEncoding.ONE_HOT) {
        for (String level : columnLevels) {
          encodedNames.add(column + "=" + level);
          encodedSource.add(column);
        }
      } else {
        encodedNames.add(column);
        encodedSource.add(column);
      }
    }
  }

  /**
   * @param header the table's header
   * @param columns the feature columns, in order
   * @param categorical which of them are categories
   */
  public static FeatureEncoder fit(
      List<String> header, List<String[]> trainRows, List<String> columns, List<String> categorical,
      CategoricalEncoding encoding) {
    int[] sourceIndex = new int[columns.size()];
    Map<String, List<String>> levels = new LinkedHashMap<>();
    for (int j = 0; j < columns.size(); j++) {
      sourceIndex[j] = header.indexOf(columns.get(j));
      if (sourceIndex[j] < 0) {
        throw new IllegalArgumentException("no column '" + columns.get(j) + "' in " + header);
      }
      if (categorical.contains(columns.get(j))) {
        TreeSet<String> seen = new TreeSet<>();
        for (String[] row : trainRows) {
          seen.add(row[sourceIndex[j]]);
        }
        levels.put(columns.get(j), List.copyOf(seen));
      }
    }
    return new FeatureEncoder(List.copyOf(columns), sourceIndex, levels, encoding);
  }

  /**
   * The encoder a model bundle recorded ({@link #features}, {@link #encoding}): it reads rows whose
   * cells are these features in this order and encodes them exactly as the fitted one did.
   */
  public static FeatureEncoder restore(List<TabularFeature> features, CategoricalEncoding encoding) {
    List<String> columns = new ArrayList<>(features.size());
    Map<String, List<String>> levels = new LinkedHashMap<>();
    int[] sourceIndex = new int[features.size()];
    for (int j = 0; j < features.size(); j++) {
      TabularFeature feature = features.get(j);
      if (columns.contains(feature.name())) {
        throw new IllegalArgumentException("feature '" + feature.name() + "' is listed twice");
      }
      columns.add(feature.name());
      sourceIndex[j] = j;
      if (feature.isCategorical()) {
        levels.put(feature.name(), feature.categories());
      }
    }
    return new FeatureEncoder(List.copyOf(columns), sourceIndex, levels, encoding);
  }

  /** The feature columns in order, each numeric or categorical with its learned levels: what a bundle records. */
  public List<TabularFeature> features() {
    List<TabularFeature> features = new ArrayList<>(columns.size());
    for (String column : columns) {
      List<String> columnLevels = levels.get(column);
      features.add(columnLevels == null ? TabularFeature.numeric(column) : TabularFeature.categorical(column, columnLevels));
    }
    return List.copyOf(features);
  }

  public CategoricalEncoding encoding() {
    return encoding;
  }

  public double[][] transform(List<String[]> rows) {
    double[][] x = new double[rows.size()][encodedNames.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      int out = 0;
      for (int j = 0; j < columns.size(); j++) {
        String value = row[sourceIndex[j]];
        List<String> columnLevels = levels.get(columns.get(j));
        if (columnLevels == null) {
          x[i][out++] = number(value, columns.get(j), i);
        } else if (encoding == CategoricalEncoding.ONE_HOT) {
          int level = columnLevels.indexOf(value);
          for (int l = 0; l < columnLevels.size(); l++) {
            x[i][out++] = l == level ? 1.0 : 0.0;
          }
        } else {
          int level = columnLevels.indexOf(value);
          x[i][out++] = level < 0 ? Double.NaN : level;
        }
      }
    }
    return x;
  }

  /** The encoded columns' names: a numeric column's own, {@code column=level} per one-hot level. */
  public List<String> encodedNames() {
    return List.copyOf(encodedNames);
  }

  /** The source column of each encoded column, to fold importance back onto what users named. */
  public List<String> encodedSource() {
    return List.copyOf(encodedSource);
  }

  public List<String> columns() {
    return columns;
  }

  private static double number(String value, String column, int row) {
    if (value == null || value.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new TabularDataException(
          "column '" + column + "' row " + (row + 1) + ": expected a number, got '" + value + "'");
    }
  }
}
