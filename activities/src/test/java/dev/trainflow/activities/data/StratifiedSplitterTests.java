package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tabular Examples split: each class keeps its share of the test part, and a seed fixes it. */
class StratifiedSplitterTests {
  private static CsvTable table(int positives, int negatives) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < positives + negatives; i++) {
      rows.add(new String[] {"c" + i, i < positives ? "1" : "0"});
    }
    return new CsvTable(List.of("id", "label"), rows);
  }

  private static long count(CsvTable t, String label) {
    return Arrays.stream(t.values("label")).filter(label::equals).count();
  }

  @Test
  void shouldKeepEachClassShareInTheTestSplit() {
    ExampleSplits splits = StratifiedSplitter.split(table(50, 950), "label", 0.2, 3);

    assertThat(count(splits.test(), "1")).isEqualTo(10);
    assertThat(count(splits.test(), "0")).isEqualTo(190);
    assertThat(splits.train().size()).isEqualTo(800);
    assertThat(splits.validation().size()).isZero();
    assertThat(splits.validation().header()).isEqualTo(List.of("id", "label"));
  }

  @Test
  void shouldPutARareClassInTheTestSplitAtLeastOnce() {
    ExampleSplits splits = StratifiedSplitter.split(table(2, 998), "label", 0.1, 3);

    assertThat(count(splits.test(), "1")).isEqualTo(1);
    assertThat(count(splits.train(), "1")).isEqualTo(1);
  }

  @Test
  void shouldSplitTheSameWayForASeedAndDifferentlyForAnother() {
    CsvTable t = table(300, 700);
    List<String> first = Arrays.asList(StratifiedSplitter.split(t, "label", 0.2, 5).test().values("id"));
    List<String> again = Arrays.asList(StratifiedSplitter.split(t, "label", 0.2, 5).test().values("id"));
    List<String> other = Arrays.asList(StratifiedSplitter.split(t, "label", 0.2, 6).test().values("id"));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void shouldSplitRegressionRowsAsOneStratum() {
    ExampleSplits splits = StratifiedSplitter.split(table(10, 990), null, 0.25, 1);

    assertThat(splits.test().size()).isEqualTo(250);
    assertThat(splits.train().size()).isEqualTo(750);
  }
}
