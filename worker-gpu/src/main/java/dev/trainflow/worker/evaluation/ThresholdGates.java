package dev.trainflow.worker.evaluation;

import dev.trainflow.workflows.spec.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blessing policy of tabular runs: minimum thresholds on held-out classification metrics
 * (the seed's {@code min_accuracy}, {@code min_precision}, {@code min_recall}, {@code
 * min_f1_score}, {@code min_auc_roc}), any number at once. A model is blessed when every
 * configured gate passes (value ≥ threshold); each gate is reported on its own so a blocked run
 * says which gate blocked it and by how much.
 */
public final class ThresholdGates {
  /** Gate name → the metric it reads, as the tabular evaluation names them. */
  public static final Map<String, String> GATES;

  static {
    Map<String, String> gates = new LinkedHashMap<>();
    gates.put("min_accuracy", "accuracy");
    gates.put("min_precision", "precision");
    gates.put("min_recall", "recall");
    gates.put("min_f1_score", "f1_score");
    gates.put("min_auc_roc", "roc_auc");
    GATES = java.util.Collections.unmodifiableMap(gates);
  }

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

  /** Every problem: unknown gate names, and thresholds missing or outside [0, 1]. */
  public static List<FieldError> validate(String prefix, Map<String, Double> thresholds) {
    List<FieldError> errors = new ArrayList<>();
    if (thresholds == null) {
      return errors;
    }
    thresholds.forEach(
        (gate, threshold) -> {
          String field = prefix + "." + gate;
          if (!GATES.containsKey(gate)) {
            errors.add(new FieldError(field, "unknown gate '" + gate + "'; one of " + String.join(", ", GATES.keySet())));
          } else if (threshold == null || !(threshold >= 0 && threshold <= 1)) {
            errors.add(new FieldError(field, "must be a number between 0 and 1, got " + threshold));
          }
        });
    return errors;
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
          outcomes.add(new GateOutcome(gate, metric, threshold, value, value != null && value >= threshold));
        });
    return new GateReport(List.copyOf(outcomes), outcomes.stream().allMatch(GateOutcome::passed));
  }
}
