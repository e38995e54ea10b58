package dev.trainflow.worker.tabular;

import dev.trainflow.activities.data.CsvTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains and evaluates a {@link TabularTrainer} on a table: a stratified hold-out evaluation with
 * feature importance, or stratified k-fold cross-validation. Encoding and class weights are fitted
 * on each training part alone.
 */
public final class TabularTraining {
  private final CsvTable table;
  private final TabularSpec spec;
  private final List<String> features;
  private final List<String> categorical;
  private final TabularTask task;
  private final List<String> classLabels;
  private final double[] targets;
  private BoostingProgress progress = BoostingProgress.NONE;
  /** A classifier's output per class and its one-vs-rest metrics grow with the classes: a label with more is a mistake. */
  public static final int MAX_CLASSES = 200;

  public TabularTraining(CsvTable table, TabularSpec spec) {
    this.table = table;
    this.spec = spec;
    if (!table.has(spec.label())) {
      throw new IllegalArgumentException("label: no column '" + spec.label() + "' in " + table.header());
    }
    for (String ignored : spec.ignored()) {
      if (!table.has(ignored)) {
        throw new IllegalArgumentException("ignored: no column '" + ignored + "' in " + table.header());
      }
    }
    this.features =
        table.header().stream().filter(c -> !c.equals(spec.label()) && !spec.ignored().contains(c)).toList();
    if (features.isEmpty()) {
      throw new IllegalArgumentException("no feature columns left besides the label and the ignored columns");
    }
    this.categorical = spec.categorical() != null ? spec.categorical() : inferCategorical();
    String[] labels = table.values(spec.label());
    if (TabularSpec.REGRESSION.equals(spec.modelType())) {
      this.task = TabularTask.REGRESSION;
      this.classLabels = List.of();
      this.targets = new double[labels.length];
      for (int i = 0; i < labels.length; i++) {
        try {
          targets[i] = Double.parseDouble(labels[i]);
        } catch (NumberFormatException e) {
          throw new TabularDataException("label '" + spec.label() + "' row " + (i + 1) + ": expected a number, got '" + labels[i] + "'");
        }
      }
    } else {
      this.classLabels = sortedLevels(labels);
      if (classLabels.size() < 2) {
        throw new TabularDataException("label '" + spec.label() + "' needs at least 2 classes, has " + classLabels);
      }
      if (classLabels.size() > MAX_CLASSES) {
        throw new TabularDataException(
            "label '" + spec.label() + "' has " + classLabels.size() + " distinct values, more than the " + MAX_CLASSES
                + " classes a classifier takes here; for a numeric target use model_type regression");
      }
      this.task = classLabels.size() == 2 ? TabularTask.BINARY : TabularTask.MULTICLASS;
      this.targets = new double[labels.length];
      Map<String, Integer> index = new java.util.HashMap<>();
      for (int c = 0; c < classLabels.size(); c++) {
        index.put(classLabels.get(c), c);
      }
      for (int i = 0; i < labels.length; i++) {
        targets[i] = index.get(labels[i]);
      }
    }
  }

  /** Told after every boosting round of every fit this training makes (CV folds and the final fit). */
  public TabularTraining withProgress(BoostingProgress afterRound) {
    this.progress = afterRound == null ? BoostingProgress.NONE : afterRound;
    return this;
  }

  public TabularTask task() {
    return task;
  }

  public List<String> classLabels() {
    return classLabels;
  }

  /** Trains on all rows but a stratified {@code testFraction}, evaluates on those. */
  public TabularResult holdout(TabularTrainer trainer, TrainerParams params, double testFraction) {
    boolean[] test = StratifiedSplits.holdout(strata(), testFraction, params.seed());
    List<Integer> trainRows = new ArrayList<>();
    List<Integer> testRows = new ArrayList<>();
    for (int i = 0; i < test.length; i++) {
      (test[i] ? testRows : trainRows).add(i);
    }
    Fitted fitted = fit(trainer, params, trainRows);
    Map<String, Double> metrics = evaluate(fitted, testRows);
    return new TabularResult(
        trainer.name(), task, classLabels, trainRows.size(), testRows.size(), metrics, importance(fitted));
  }

  /** Stratified k-fold cross-validation; the same seed gives the same folds and models. */
  public CrossValidationResult crossValidate(TabularTrainer trainer, TrainerParams params, int folds) {
    return crossValidate(trainer, params, folds, fold -> {});
  }

  /** @param afterFold told each finished fold (0-based): where a training activity heartbeats */
  public CrossValidationResult crossValidate(
      TabularTrainer trainer, TrainerParams params, int folds, java.util.function.IntConsumer afterFold) {
    return crossValidate(trainer, params, folds, (fold, metrics) -> afterFold.accept(fold));
  }

  /** @param afterFold told each finished fold (0-based) with its held-out metrics */
  public CrossValidationResult crossValidate(
      TabularTrainer trainer,
      TrainerParams params,
      int folds,
      java.util.function.BiConsumer<Integer, Map<String, Double>> afterFold) {
    return crossValidate(trainer, params, folds, List.of(), afterFold);
  }

  /**
   * @param done the metrics of the first folds, measured by an earlier attempt: the folds are a
   *     function of the seed, so those are not trained again (nor told to {@code afterFold})
   */
  public CrossValidationResult crossValidate(
      TabularTrainer trainer,
      TrainerParams params,
      int folds,
      List<Map<String, Double>> done,
      java.util.function.BiConsumer<Integer, Map<String, Double>> afterFold) {
    int[] fold = StratifiedSplits.kFold(strata(), folds, params.seed());
    List<Map<String, Double>> results = new ArrayList<>(done.subList(0, Math.min(done.size(), folds)));
    for (int f = results.size(); f < folds; f++) {
      List<Integer> trainRows = new ArrayList<>();
      List<Integer> testRows = new ArrayList<>();
      for (int i = 0; i < fold.length; i++) {
        (fold[i] == f ? testRows : trainRows).add(i);
      }
      Map<String, Double> metrics = evaluate(fit(trainer, params, trainRows), testRows);
      results.add(metrics);
      afterFold.accept(f, metrics);
    }
    return CrossValidationResult.of(results);
  }

  /**
   * Trains on every row of this table and evaluates on {@code test}, which must have the same
   * header (the Examples stage's splits do).
   */
  public TabularFit trainAndTest(TabularTrainer trainer, TrainerParams params, CsvTable test) {
    return trainAndTest(trainer, params, test, null);
  }

  /** @param resumeFrom a checkpoint of this very fit (same rows, params, seed), or null */
  public TabularFit trainAndTest(TabularTrainer trainer, TrainerParams params, CsvTable test, byte[] resumeFrom) {
    if (!test.header().equals(table.header())) {
      throw new IllegalArgumentException("the test split's columns " + test.header() + " differ from the training split's " + table.header());
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      all.add(i);
    }
    Fitted fitted = fit(trainer, params, all, resumeFrom);
    double[] y = testTargets(test);
    Map<String, Double> metrics = evaluate(fitted, fitted.encoder().transform(test.rows()), y);
    TabularResult result =
        new TabularResult(trainer.name(), task, classLabels, table.size(), test.size(), metrics, importance(fitted));
    return new TabularFit(result, fitted.model(), fitted.encoder(), spec.label());
  }

  private double[] testTargets(CsvTable test) {
    String[] labels = test.values(spec.label());
    double[] y = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (task.classification()) {
        y[i] = classLabels.indexOf(labels[i]);
        if (y[i] < 0) {
          throw new TabularDataException(
              "label '" + spec.label() + "' test row " + (i + 1) + ": '" + labels[i] + "' is not a class of the training split " + classLabels);
        }
      } else {
        try {
          y[i] = Double.parseDouble(labels[i]);
        } catch (NumberFormatException e) {
          throw new TabularDataException("label '" + spec.label() + "' test row " + (i + 1) + ": expected a number, got '" + labels[i] + "'");
        }
      }
    }
    return y;
  }

  private record Fitted(FeatureEncoder encoder, TabularModel model) {}

  private Fitted fit(TabularTrainer trainer, TrainerParams params, List<Integer> rows) {
    return fit(trainer, params, rows, null);
  }

  private Fitted fit(TabularTrainer trainer, TrainerParams params, List<Integer> rows, byte[] resumeFrom) {
    List<String[]> trainRows = rows(rows);
    FeatureEncoder encoder = FeatureEncoder.fit(table.header(), trainRows, features, categorical, spec.encoding());
    double[] y = targets(rows);
    double[] weights = new double[rows.size()];
    java.util.Arrays.fill(weights, 1.0);
    EncodedData data = new EncodedData(encoder.transform(trainRows), y, weights);
    if (task.classification()) {
      data = new EncodedData(data.x(), y, spec.classWeights().rowWeights(data.classes(), classLabels));
    }
    return new Fitted(
        encoder,
        resumeFrom == null
            ? trainer.fit(data, task, classLabels.size(), params, progress)
            : trainer.fit(data, task, classLabels.size(), params, resumeFrom, progress));
  }

  private Map<String, Double> evaluate(Fitted fitted, List<Integer> rows) {
    return evaluate(fitted, fitted.encoder().transform(rows(rows)), targets(rows));
  }

  private Map<String, Double> evaluate(Fitted fitted, double[][] x, double[] y) {
    if (task.classification()) {
      int[] truth = new int[y.length];
      for (int i = 0; i < y.length; i++) {
        truth[i] = (int) y[i];
      }
      return ClassificationMetrics.of(truth, fitted.model().predictProbabilities(x), classLabels.size());
    }
    return RegressionMetrics.of(y, fitted.model().predictValues(x));
  }

  /** Gain folded back onto source columns (one-hot levels summed), normalized, largest first. */
  private static Map<String, Double> importance(Fitted fitted) {
    double[] gain = fitted.model().gainImportance();
    List<String> source = fitted.encoder().encodedSource();
    Map<String, Double> perColumn = new LinkedHashMap<>();
    fitted.encoder().columns().forEach(c -> perColumn.put(c, 0.0));
    double total = 0;
    for (int j = 0; j < gain.length; j++) {
      perColumn.merge(source.get(j), gain[j], Double::sum);
      total += gain[j];
    }
    double sum = total;
    Map<String, Double> sorted = new LinkedHashMap<>();
    perColumn.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> sorted.put(e.getKey(), sum == 0 ? 0.0 : e.getValue() / sum));
    return sorted;
  }

  private int[] strata() {
    int[] strata = new int[targets.length];
    if (task.classification()) {
      for (int i = 0; i < targets.length; i++) {
        strata[i] = (int) targets[i];
      }
    }
    return strata;
  }

  private List<String[]> rows(List<Integer> indices) {
    List<String[]> out = new ArrayList<>(indices.size());
    for (int i : indices) {
      out.add(table.rows().get(i));
    }
    return out;
  }

  private double[] targets(List<Integer> indices) {
    double[] out = new double[indices.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = targets[indices.get(i)];
    }
    return out;
  }

  private List<String> inferCategorical() {
    List<String> out = new ArrayList<>();
    for (String column : features) {
      for (String value : table.values(column)) {
        if (!value.isBlank() && !numeric(value)) {
          out.add(column);
          break;
        }
      }
    }
    return out;
  }

  /** Numeric labels sort by value (0, 1, 2, 10), others alphabetically. */
  private static List<String> sortedLevels(String[] values) {
    TreeSet<String> distinct = new TreeSet<>(List.of(values));
    List<String> levels = new ArrayList<>(distinct);
    if (levels.stream().allMatch(TabularTraining::numeric)) {
      levels.sort(Comparator.comparingDouble(Double::parseDouble));
    }
    return List.copyOf(levels);
  }

  private static boolean numeric(String value) {
    try {
      Double.parseDouble(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
