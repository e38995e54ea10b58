package dev.trainflow.worker.tabular;

import java.util.List;
import java.util.Locale;

/**
 * {@code tabular_model.json}, the descriptor of a tabular model bundle: everything besides the
 * library's model file that turns raw column values into the model's answer. Without it the
 * encoder's categories, the column order, the class labels and the task would be lost, and the
 * model file alone could not be served.
 *
 * @param format always {@link #FORMAT}: tells a server which kind of folder this is
 * @param formatVersion {@link #FORMAT_VERSION}; a reader refuses versions it does not know
 * @param trainer {@code xgboost}, {@code random_forest} or {@code lightgbm}: how to read {@code modelFile}
 * @param modelFile the library's model, beside this descriptor ({@code model.ubj}, {@code model.ser}, {@code model.txt})
 * @param task {@code binary}, {@code multiclass} or {@code regression}
 * @param label the column the model predicts
 * @param classLabels the label's values in the order of the model's probabilities (empty for regression)
 * @param categoricalEncoding {@code one_hot} or {@code ordinal}
 * @param unseenCategory what a category the training rows did not have becomes: {@code all_zero}
 *     (one-hot: no indicator set) or {@code missing} (ordinal: NaN, the trees' default branch)
 * @param missingValue what a missing value is: a numeric null becomes NaN (the trees' default
 *     branch); a categorical value is a string, where the empty string is the training data's
 *     empty cell (a level like any other when the training rows had it)
 * @param features the input columns in the order the encoder reads them
 * @param encodedWidth how many numbers the encoder makes of a row: what the model file expects
 */
public record TabularModelDescriptor(
    String format,
    int formatVersion,
    String trainer,
    String modelFile,
    String task,
    String label,
    List<String> classLabels,
    String categoricalEncoding,
    String unseenCategory,
    String missingValue,
    List<TabularFeature> features,
    int encodedWidth) {
  public static final String FILE_NAME = "tabular_model.json";
  public static final String FORMAT = "trainflow-tabular";
  public static final int FORMAT_VERSION = 1;
  public static final String MISSING_VALUE = "numeric null is NaN; categorical empty string is the empty cell";

  public TabularModelDescriptor {
    classLabels = classLabels == null ? List.of() : List.copyOf(classLabels);
    features = features == null ? List.of() : List.copyOf(features);
  }

  /** The descriptor of a model fitted with {@code encoder}. */
  public static TabularModelDescriptor of(
      String trainer, TabularTask task, String label, List<String> classLabels, FeatureEncoder encoder) {
    return new TabularModelDescriptor(
        FORMAT, FORMAT_VERSION, trainer, modelFileFor(trainer), task.name().toLowerCase(Locale.ROOT), label,
        classLabels, encoder.encoding().value(), unseenCategory(encoder.encoding()), MISSING_VALUE,
        encoder.features(), encoder.encodedNames().size());
  }

  public static String modelFileFor(String trainer) {
    return switch (trainer) {
      case XGBoostTrainer.NAME -> "model.ubj";
      case RandomForestTrainer.NAME -> "model.ser";
      case LightGBMTrainer.NAME -> "model.txt";
      default -> throw new IllegalArgumentException("trainer must be xgboost, random_forest or lightgbm, got '" + trainer + "'");
    };
  }

  private static String unseenCategory(CategoricalEncoding encoding) {
    return encoding == CategoricalEncoding.ONE_HOT ? "all_zero" : "missing";
  }

  /** The task as the trainers name it. */
  public TabularTask tabularTask() {
    for (TabularTask t : TabularTask.values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(task)) {
        return t;
      }
    }
    throw new IllegalArgumentException("task must be binary, multiclass or regression, got '" + task + "'");
  }

  /**
   * Checks what a reader relies on, naming the first field that is wrong: a descriptor from a
   * newer trainflow, or edited by hand, fails here rather than predicting nonsense.
   */
  public TabularModelDescriptor validated() {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format must be '" + FORMAT + "', got '" + format + "'");
    }
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("format_version " + formatVersion + " is not supported; this reader knows " + FORMAT_VERSION);
    }
    if (!modelFileFor(trainer).equals(modelFile)) {
      throw new IllegalArgumentException("model_file of a " + trainer + " model must be '" + modelFileFor(trainer) + "', got '" + modelFile + "'");
    }
    TabularTask t = tabularTask();
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("label is required");
    }
    if (t.classification() && classLabels.size() < 2) {
      throw new IllegalArgumentException("class_labels of a " + task + " model needs at least 2 labels, got " + classLabels);
    }
    if (t == TabularTask.BINARY && classLabels.size() != 2) {
      throw new IllegalArgumentException("class_labels of a binary model needs exactly 2 labels, got " + classLabels);
    }
    if (!t.classification() && !classLabels.isEmpty()) {
      throw new IllegalArgumentException("class_labels must be empty for a regression model, got " + classLabels);
    }
    CategoricalEncoding encoding = CategoricalEncoding.of(categoricalEncoding);
    if (!unseenCategory(encoding).equals(unseenCategory)) {
      throw new IllegalArgumentException(
          "unseen_category of " + categoricalEncoding + " encoding must be '" + unseenCategory(encoding) + "', got '" + unseenCategory + "'");
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features must list the model's input columns");
    }
    int width = encoder().encodedNames().size();
    if (width != encodedWidth) {
      throw new IllegalArgumentException("encoded_width is " + encodedWidth + " but the features encode to " + width + " columns");
    }
    return this;
  }

  /** The fitted encoder this descriptor recorded. */
  public FeatureEncoder encoder() {
    return FeatureEncoder.restore(features, CategoricalEncoding.of(categoricalEncoding));
  }
}
