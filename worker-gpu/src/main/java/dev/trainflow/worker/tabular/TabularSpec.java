package dev.trainflow.worker.tabular;

import java.util.List;

/**
 * What to learn from a table.
 *
 * @param label the column to predict
 * @param modelType {@code classification} (binary or multiclass, from the label's distinct values)
 *     or {@code regression}
 * @param categorical columns to encode as categories; null infers them (every column with a value
 *     that is not a number)
 * @param ignored columns that are not features (identifiers)
 * @param encoding how categories become numbers
 * @param classWeights classification only
 */
public record TabularSpec(
    String label,
    String modelType,
    List<String> categorical,
    List<String> ignored,
    CategoricalEncoding encoding,
    ClassWeights classWeights) {
  public static final String CLASSIFICATION = "classification";
  public static final String REGRESSION = "regression";

  public TabularSpec {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("label is required");
    }
    if (!CLASSIFICATION.equals(modelType) && !REGRESSION.equals(modelType)) {
      throw new IllegalArgumentException("model_type must be classification or regression, got '" + modelType + "'");
    }
    categorical = categorical == null ? null : List.copyOf(categorical);
    ignored = ignored == null ? List.of() : List.copyOf(ignored);
    encoding = encoding == null ? CategoricalEncoding.ONE_HOT : encoding;
    classWeights = classWeights == null ? ClassWeights.NONE : classWeights;
  }

  public static TabularSpec classification(String label, List<String> ignored) {
    return new TabularSpec(label, CLASSIFICATION, null, ignored, null, null);
  }

  public TabularSpec withEncoding(CategoricalEncoding e) {
    return new TabularSpec(label, modelType, categorical, ignored, e, classWeights);
  }

  public TabularSpec withClassWeights(ClassWeights w) {
    return new TabularSpec(label, modelType, categorical, ignored, encoding, w);
  }
}
