package dev.trainflow.worker.tabular;

import dev.trainflow.activities.artifacts.ArtifactStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Predicts with a stored tabular model from raw column values, the way it was trained: the
 * bundle's encoder turns each row into the numbers the library model reads. Values are what JSON
 * gives: a number (or null, a missing value) for a numeric feature, a string for a categorical one.
 * Columns the model does not read are ignored. Safe for concurrent use.
 */
public final class TabularPredictor implements AutoCloseable {
  private final TabularModelDescriptor descriptor;
  private final FeatureEncoder encoder;
  private final TabularModel model;

  private TabularPredictor(TabularModelDescriptor descriptor, TabularModel model) {
    this.descriptor = descriptor;
    this.encoder = descriptor.encoder();
    this.model = model;
  }

  public static TabularPredictor of(TabularBundle bundle) {
    return new TabularPredictor(bundle.descriptor().validated(), bundle.loadModel());
  }

  /** Loads the bundle in a local folder ({@code <run>/model/}). */
  public static TabularPredictor load(Path folder) {
    return of(TabularBundle.read(folder));
  }

  /** Loads the bundle at a folder URI of the store (the training activity's {@code modelUri}). */
  public static TabularPredictor load(ArtifactStore store, String folderUri) {
    return of(TabularBundle.read(store, folderUri));
  }

  public TabularModelDescriptor descriptor() {
    return descriptor;
  }

  public List<TabularFeature> features() {
    return descriptor.features();
  }

  /**
   * @param instances one map of column to value per row
   * @throws TabularInputException naming the row and feature when one is missing or of the wrong type
   */
  public TabularPrediction predict(List<? extends Map<String, ?>> instances) {
    List<String[]> cells = new ArrayList<>(instances.size());
    for (int row = 0; row < instances.size(); row++) {
      Map<String, ?> instance = instances.get(row);
      String[] rowCells = new String[descriptor.features().size()];
      for (int j = 0; j < rowCells.length; j++) {
        TabularFeature feature = descriptor.features().get(j);
        if (!instance.containsKey(feature.name())) {
          throw new TabularInputException(
              "instance " + row + " is missing feature '" + feature.name() + "' (" + expectation(feature) + "); the model takes " + featureNames());
        }
        rowCells[j] = cell(feature, instance.get(feature.name()), row);
      }
      cells.add(rowCells);
    }
    return predictCells(cells);
  }

  /**
   * Rows already in the training data's form: one cell per feature, in {@link #features} order,
   * as the CSV held them (a number's text, the empty string for a missing value).
   */
  public TabularPrediction predictCells(List<String[]> rows) {
    for (int row = 0; row < rows.size(); row++) {
      if (rows.get(row).length != descriptor.features().size()) {
        throw new TabularInputException(
            "row " + row + " has " + rows.get(row).length + " cells; the model takes " + featureNames());
      }
    }
    double[][] x;
    try {
      x = encoder.transform(rows);
    } catch (TabularDataException e) {
      throw new TabularInputException(e.getMessage());
    }
    TabularTask task = descriptor.tabularTask();
    if (task.classification()) {
      return new TabularPrediction(task, descriptor.classLabels(), model.predictProbabilities(x), null);
    }
    return new TabularPrediction(task, List.of(), null, model.predictValues(x));
  }

  /**
   * The value as a cell of the training CSV. A number goes through its shortest exact decimal
   * text, which parses back to the same double, so it encodes exactly as the training rows did.
   */
  private static String cell(TabularFeature feature, Object value, int row) {
    if (feature.isCategorical()) {
      if (value instanceof String text) {
        return text;
      }
    } else if (value == null) {
      return "";
    } else if (value instanceof Number number) {
      double d = number.doubleValue();
      return Double.isNaN(d) ? "" : Double.toString(d);
    }
    throw new TabularInputException(
        "instance " + row + ": feature '" + feature.name() + "' must be " + expectation(feature) + ", got "
            + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
  }

  /** Frees the model's native memory; call once no prediction runs on it any more. */
  @Override
  public void close() {
    model.close();
  }

  /** What a feature's value must be, for error messages. */
  public static String expectation(TabularFeature feature) {
    return feature.isCategorical() ? "a string, categorical" : "a number or null, numeric";
  }

  private List<String> featureNames() {
    return descriptor.features().stream().map(TabularFeature::name).toList();
  }
}
