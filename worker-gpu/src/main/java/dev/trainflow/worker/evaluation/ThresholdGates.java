package dev.trainflow.worker.evaluation;

import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FieldError;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blessing policy of tabular runs: minimum thresholds on held-out classification metrics
 * (the seed's {@code min_accuracy}, {@code min_precision}, {@code min_recall}, {@code
 * min_f1_score}, {@code min_auc_roc}, and {@code max_rmse}, {@code max_mae}, {@code min_r2} for
 * regression), any number at once. A model is blessed when every configured gate passes (value ≥
 * threshold, or ≤ for a {@code max_} gate); each gate is reported on its own so a blocked run
 * says which gate blocked it and by how much.
 */
public final class ThresholdGates {
  /** Gate name → the metric it reads (the names live with the evaluator config they belong to). */
  public static final Map<String, String> GATES = EvaluatorConfig.GATES;

  private final Map<String, Double> thresholds;

  private ThresholdGates(Map<String, Double> thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * @param thresholds gate name → minimum, in the order to report them
   * @throws IllegalArgumentException naming every invalid gate ({@link #validate})
   */
  public static ThresholdGates of(Map<String, Double> thresholds) {
    List<FieldError> errors = validate("thresholds", thresholds);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(errors.toString());
    }
    return new ThresholdGates(thresholds == null ? Map.of() : new LinkedHashMap<>(thresholds));
  }

  /** Every problem: unknown gate names, thresholds missing or out of range (the API's rules). */
  public static List<FieldError> validate(String prefix, Map<String, Double> thresholds) {
    return new SpecValidator().thresholds(prefix, thresholds, null).errors();
  }

  public GateReport evaluate(Map<String, Double> metrics) {
    List<GateOutcome> outcomes = new ArrayList<>();
    thresholds.forEach(
        (gate, threshold) -> {
          String metric = GATES.get(gate);
          Double value = metrics.get(metric);
          if (value != null && value.isNaN()) {
            value = null;
          }
          boolean passed = value != null && (atMost(gate) ? value <= threshold : value >= threshold);
          outcomes.add(new GateOutcome(gate, metric, threshold, value, passed));
        });
    return new GateReport(List.copyOf(outcomes), outcomes.stream().allMatch(GateOutcome::passed));
  }

  /** {@code max_rmse}, {@code max_mae}: the value may not exceed the threshold. */
  public static boolean atMost(String gate) {
    return gate.startsWith("max_");
  }

}
