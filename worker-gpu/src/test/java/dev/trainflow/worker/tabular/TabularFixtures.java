package dev.trainflow.worker.tabular;

import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.activities.data.CsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tabular models trained on the synthetic churn data, and their rows as a JSON client sends them,
 * for the predictor's tests here and the model server's in deploy.
 */
public final class TabularFixtures {
  private static final CsvTable CHURN = new ChurnDatasetGenerator().generate(1500, 29).table();
  /** The Examples stage's shape: a training split and a test split with the same header. */
  public static final CsvTable TRAIN = new CsvTable(CHURN.header(), CHURN.rows().subList(0, 1200));
  public static final CsvTable TEST = new CsvTable(CHURN.header(), CHURN.rows().subList(1200, 1500));
  public static final TrainerParams PARAMS = new TrainerParams(40, 4, 0.2, 11);

  /** Churn (0/1) from the customer's columns. */
  public static final TabularSpec BINARY = TabularSpec.classification(ChurnDatasetGenerator.LABEL, List.of("customer_id"));
  /** The contract type (three classes) from the other columns, churn among them. */
  public static final TabularSpec MULTICLASS = TabularSpec.classification("contract_type", List.of("customer_id"));
  /** The monthly charge from the other columns. */
  public static final TabularSpec REGRESSION =
      new TabularSpec("monthly_charges", TabularSpec.REGRESSION, null, List.of("customer_id"), null, null);

  private TabularFixtures() {}

  public static TabularFit fit(TabularTrainer trainer, TabularSpec spec) {
    return new TabularTraining(TRAIN, spec).trainAndTest(trainer, PARAMS, TEST);
  }

  /**
   * The rows with a missing numeric value and an unseen category mixed in (rows 1 and 2), as a
   * CSV holds them: what the trained model is asked in process.
   */
  public static List<String[]> testRowsWithGaps(TabularFit fit) {
    List<String[]> rows = new ArrayList<>();
    for (String[] row : TEST.rows()) {
      rows.add(row.clone());
    }
    List<TabularFeature> features = fit.descriptor().features();
    TabularFeature numeric = features.stream().filter(f -> !f.isCategorical()).findFirst().orElseThrow();
    TabularFeature categorical = features.stream().filter(TabularFeature::isCategorical).findFirst().orElseThrow();
    rows.get(1)[TEST.column(numeric.name())] = "";
    rows.get(2)[TEST.column(categorical.name())] = "never_seen_in_training";
    return rows;
  }

  /**
   * The same rows as a JSON client sends them: every column of the table (label and id included,
   * which the model ignores), numbers as numbers (null where the cell is empty), categories as
   * strings.
   */
  public static List<Map<String, Object>> instances(List<String[]> rows, TabularFit fit) {
    List<String> categorical = fit.descriptor().features().stream().filter(TabularFeature::isCategorical).map(TabularFeature::name).toList();
    List<Map<String, Object>> instances = new ArrayList<>();
    for (String[] row : rows) {
      Map<String, Object> instance = new LinkedHashMap<>();
      for (int j = 0; j < TEST.header().size(); j++) {
        String column = TEST.header().get(j);
        String cell = row[j];
        Object value;
        if (categorical.contains(column) || !cell.isEmpty() && !cell.matches("-?[0-9.]+([eE]-?[0-9]+)?")) {
          value = cell;
        } else {
          value = cell.isEmpty() ? null : Double.parseDouble(cell);
        }
        instance.put(column, value);
      }
      instances.add(instance);
    }
    return instances;
  }

  /** The trained model's own answer for CSV rows: its fitted encoder, then the library model. */
  public static TabularPrediction inProcess(TabularFit fit, List<String[]> rows) {
    double[][] x = fit.encoder().transform(rows);
    if (fit.result().task().classification()) {
      return new TabularPrediction(fit.result().task(), fit.result().classLabels(), fit.model().predictProbabilities(x), null);
    }
    return new TabularPrediction(fit.result().task(), List.of(), null, fit.model().predictValues(x));
  }
}
