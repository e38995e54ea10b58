package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.data.CsvTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels a classifier cannot learn are data problems, said with the remedy. */
class TabularLabelTests {
  @Test
  void shouldSendAContinuousLabelToRegression() {
    assertThatThrownBy(() -> new TabularTraining(TabularFixtures.TRAIN, TabularSpec.classification("monthly_charges", List.of("customer_id"))))
        .isInstanceOf(TabularDataException.class)
        .hasMessageContaining("distinct values")
        .hasMessageContaining("model_type regression");
  }

  @Test
  void shouldRefuseALabelWithOneClass() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new String[] {Integer.toString(i), "yes"});
    }
    CsvTable oneClass = new CsvTable(List.of("x", "label"), rows);

    assertThatThrownBy(() -> new TabularTraining(oneClass, TabularSpec.classification("label", List.of())))
        .isInstanceOf(TabularDataException.class)
        .hasMessageContaining("at least 2 classes");
  }
}
