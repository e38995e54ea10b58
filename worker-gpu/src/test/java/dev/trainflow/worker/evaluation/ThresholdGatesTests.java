package dev.trainflow.worker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.workflows.spec.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdGatesTests {
  private static final Map<String, Double> METRICS =
      Map.of("accuracy", 0.81, "precision", 0.64, "recall", 0.52, "f1_score", 0.574, "roc_auc", 0.86, "pr_auc", 0.66);

  @Test
  void shouldPassWhenEveryGateIsMet() {
    GateReport report = ThresholdGates.of(gates("min_accuracy", 0.8, "min_auc_roc", 0.85, "min_f1_score", 0.5)).evaluate(METRICS);

    assertThat(report.passed()).isTrue();
    assertThat(report.gates()).extracting(GateOutcome::gate).containsExactly("min_accuracy", "min_auc_roc", "min_f1_score");
    assertThat(report.gates()).allMatch(GateOutcome::passed);
  }

  @Test
  void shouldBlockAWeakModelAndReportEachGate() {
    GateReport report =
        ThresholdGates.of(gates("min_accuracy", 0.75, "min_precision", 0.7, "min_recall", 0.6, "min_auc_roc", 0.8))
            .evaluate(METRICS);

    assertThat(report.passed()).isFalse();
    assertThat(report.gates())
        .extracting(GateOutcome::gate, GateOutcome::metric, GateOutcome::value, GateOutcome::passed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("min_accuracy", "accuracy", 0.81, true),
            org.assertj.core.groups.Tuple.tuple("min_precision", "precision", 0.64, false),
            org.assertj.core.groups.Tuple.tuple("min_recall", "recall", 0.52, false),
            org.assertj.core.groups.Tuple.tuple("min_auc_roc", "roc_auc", 0.86, true));
    assertThat(report.failed()).extracting(GateOutcome::gate).containsExactly("min_precision", "min_recall");
  }

  @Test
  void shouldPassAtExactlyTheThresholdAndFailAnUnreportedMetric() {
    GateReport exact = ThresholdGates.of(gates("min_recall", 0.52)).evaluate(METRICS);
    Map<String, Double> undefinedAuc = new LinkedHashMap<>(METRICS);
    undefinedAuc.put("roc_auc", Double.NaN);
    GateReport missing = ThresholdGates.of(gates("min_auc_roc", 0.5)).evaluate(undefinedAuc);

    assertThat(exact.passed()).isTrue();
    assertThat(missing.passed()).isFalse();
    assertThat(missing.gates().get(0).value()).isNull();
  }

  @Test
  void shouldPassWithoutGates() {
    assertThat(ThresholdGates.of(Map.of()).evaluate(METRICS).passed()).isTrue();
    assertThat(ThresholdGates.of(null).evaluate(METRICS).gates()).isEmpty();
  }

  @Test
  void shouldNameEveryInvalidGate() {
    Map<String, Double> bad = gates("min_auc", 0.7, "min_recall", 1.5);

    assertThat(ThresholdGates.validate("evaluator_config.thresholds", bad))
        .extracting(FieldError::field)
        .containsExactly("evaluator_config.thresholds.min_auc", "evaluator_config.thresholds.min_recall");
    assertThat(ThresholdGates.validate("t", bad).get(0).message()).contains("min_auc_roc");
    assertThatThrownBy(() -> ThresholdGates.of(bad)).hasMessageContaining("thresholds.min_recall");
  }

  private static Map<String, Double> gates(Object... pairs) {
    Map<String, Double> gates = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      gates.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return gates;
  }
}
