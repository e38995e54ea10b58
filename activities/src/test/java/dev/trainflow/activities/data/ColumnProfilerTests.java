package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.FeatureStatistics;
import dev.trainflow.workflows.activities.ValueCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnProfilerTests {
  private static final CsvTable TABLE =
      new CsvTable(
          List.of("city", "price", "quantity", "rating"),
          List.of(
              new String[] {"berlin", "1.5", "1", "NaN"},
              new String[] {"paris", "2.5", "2", "4"},
              new String[] {"berlin", "", "3", "2"},
              new String[] {"", "4.5", "3", ""},
              new String[] {"berlin", "7.5", "", "3"},
              new String[] {"lyon", "2.5", "1", "3"}));

  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("city", "string"),
          new ColumnSpec("price", "float"),
          new ColumnSpec("quantity", "int"),
          new ColumnSpec("rating", "float"));

  @Test
  void shouldCountPresentMissingAndDistinctValuesAndTheTopStrings() {
    FeatureStatistics city = ColumnProfiler.profile(TABLE, COLUMNS).get(0);

    assertThat(city.column()).isEqualTo("city");
    assertThat(city.type()).isEqualTo("string");
    assertThat(city.count()).isEqualTo(5);
    assertThat(city.missing()).isEqualTo(1);
    assertThat(city.distinct()).isEqualTo(3);
    assertThat(city.min()).isNull();
    assertThat(city.mean()).isNull();
    assertThat(city.topValues())
        .containsExactly(new ValueCount("berlin", 3), new ValueCount("lyon", 1), new ValueCount("paris", 1));
  }

  @Test
  void shouldSummarizeNumericColumns() {
    List<FeatureStatistics> statistics = ColumnProfiler.profile(TABLE, COLUMNS);
    FeatureStatistics price = statistics.get(1);
    FeatureStatistics quantity = statistics.get(2);

    assertThat(price.count()).isEqualTo(5);
    assertThat(price.missing()).isEqualTo(1);
    assertThat(price.distinct()).isEqualTo(4);
    assertThat(price.min()).isEqualTo(1.5);
    assertThat(price.max()).isEqualTo(7.5);
    assertThat(price.mean()).isCloseTo(3.7, within(1e-9));
    // Population standard deviation of 1.5, 2.5, 4.5, 7.5, 2.5.
    assertThat(price.stddev()).isCloseTo(Math.sqrt(4.56), within(1e-9));
    assertThat(price.topValues()).isEmpty();
    assertThat(quantity.mean()).isCloseTo(2.0, within(1e-9));
    assertThat(quantity.stddev()).isCloseTo(Math.sqrt(0.8), within(1e-9));
  }

  @Test
  void shouldCountNaNAsAValueButLeaveItOutOfTheMoments() {
    FeatureStatistics rating = ColumnProfiler.profile(TABLE, COLUMNS).get(3);

    assertThat(rating.count()).isEqualTo(5);
    assertThat(rating.distinct()).isEqualTo(4);
    assertThat(rating.min()).isEqualTo(2.0);
    assertThat(rating.max()).isEqualTo(4.0);
    assertThat(rating.mean()).isCloseTo(3.0, within(1e-9));
  }
}
