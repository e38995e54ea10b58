package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric against values worked out by hand (and matching scikit-learn's definitions). */
class ClassificationMetricsTests {
  @Test
  void shouldComputeBinaryMetricsOnATinyExample() {
    int[] truth = {1, 0, 1, 1, 0, 0};
    double[] positive = {0.9, 0.8, 0.7, 0.4, 0.3, 0.1};

    Map<String, Double> m = ClassificationMetrics.of(truth, binary(positive), 2);

    // at 0.5: predicted 1,1,1,0,0,0 → TP 2, FP 1, FN 1, TN 2
    assertThat(m.get("accuracy")).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(m.get("precision")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.get("recall")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.get("f1_score")).isCloseTo(2.0 / 3, within(1e-12));
    // positive above negative in 3 + 2 + 2 of 9 pairs
    assertThat(m.get("roc_auc")).isCloseTo(7.0 / 9, within(1e-12));
    // recall steps of 1/3 at precisions 1, 2/3, 3/4
    assertThat(m.get("pr_auc")).isCloseTo(1.0 / 3 + 2.0 / 9 + 1.0 / 4, within(1e-12));
  }

  @Test
  void shouldCountTiesAsHalfAndGroupThemInAveragePrecision() {
    assertThat(ClassificationMetrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
    // one threshold holding both rows: recall 1 at precision 1/2
    assertThat(ClassificationMetrics.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
    assertThat(ClassificationMetrics.rocAuc(new double[] {0.2, 0.9}, new boolean[] {true, true})).isNaN();
  }

  @Test
  void shouldMacroAverageMulticlassMetrics() {
    int[] truth = {0, 1, 2, 2};
    double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.5, 0.3}, {0.1, 0.1, 0.8}};

    Map<String, Double> m = ClassificationMetrics.of(truth, p, 3);

    // predicted 0, 1, 1, 2
    assertThat(m.get("accuracy")).isCloseTo(0.75, within(1e-12));
    assertThat(m.get("precision")).isCloseTo((1 + 0.5 + 1) / 3.0, within(1e-12));
    assertThat(m.get("recall")).isCloseTo((1 + 1 + 0.5) / 3.0, within(1e-12));
    assertThat(m.get("f1_score")).isCloseTo((1 + 2.0 / 3 + 2.0 / 3) / 3.0, within(1e-12));
    // one-vs-rest: class 0 → 1, class 1 → 2/3, class 2 → 3.5/4 (one tie at 0.3)
    assertThat(m.get("roc_auc")).isCloseTo((1 + 2.0 / 3 + 0.875) / 3.0, within(1e-12));
  }

  @Test
  void shouldComputeRegressionMetricsOnATinyExample() {
    Map<String, Double> m = RegressionMetrics.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});

    assertThat(m.get("rmse")).isCloseTo(Math.sqrt(0.375), within(1e-12));
    assertThat(m.get("mae")).isCloseTo(0.5, within(1e-12));
    // 1 - 1.5 / 29.1875
    assertThat(m.get("r2")).isCloseTo(0.9486081370449679, within(1e-12));
  }

  private static double[][] binary(double[] positive) {
    double[][] p = new double[positive.length][];
    for (int i = 0; i < positive.length; i++) {
      p[i] = new double[] {1 - positive[i], positive[i]};
    }
    return p;
  }
}
