package dev.trainflow.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.workflows.activities.FeatureTransform;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTests {
  static final FeatureTransform CITY =
      new FeatureTransform("city", "city", "string", "embedding", 4, List.of("paris", "lyon"), null, null, null);
  static final FeatureTransform REVENUE = new FeatureTransform("revenue", "revenue", "float", "normalize", 1, null, 100.0, 50.0, null);
  static final FeatureTransform PRICE =
      new FeatureTransform("price", "price", "float", "bucketize", 2, null, null, null, List.of(1.0, 2.0, 3.0));
  static final TowerSpec TOWER = TowerSpec.of("query", List.of(CITY, REVENUE, PRICE), List.of(), 8);

  @Test
  void shouldIndexVocabularyFromOneAndSendUnknownOrMissingToZero() {
    TowerInput input = FeatureEncoder.encode(TOWER, table(row("lyon", "100", "1"), row("paris", "100", "1"), row("nice", "100", "1"), row("", "100", "1")), "train");

    assertThat(input.features().get(0).indices()).containsExactly(2, 1, 0, 0);
  }

  @Test
  void shouldNormaliseAndTreatAMissingNumberAsTheMean() {
    TowerInput input = FeatureEncoder.encode(TOWER, table(row("lyon", "200", "1"), row("lyon", "50", "1"), row("lyon", "", "1")), "train");

    assertThat(input.features().get(1).values()).containsExactly(2f, -1f, 0f);
  }

  @Test
  void shouldBucketByCountingTheBoundariesAtOrBelowTheValue() {
    TowerInput input =
        FeatureEncoder.encode(
            TOWER,
            table(row("a", "1", "0.5"), row("a", "1", "1"), row("a", "1", "2.5"), row("a", "1", "3"), row("a", "1", "99"), row("a", "1", "")),
            "train");

    assertThat(input.features().get(2).indices()).containsExactly(0, 1, 2, 3, 3, 0);
  }

  @Test
  void shouldFailDataValidationNamingTheSplitColumnAndRowOfANonNumber() {
    CsvTable table = table(row("lyon", "100", "1"), row("lyon", "lots", "1"));

    assertThatThrownBy(() -> FeatureEncoder.encode(TOWER, table, "validation"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("data_validation");
              assertThat(failure.getOriginalMessage()).contains("validation split").contains("'revenue'").contains("'lots'").contains("row 2");
            });
  }

  private static String[] row(String city, String revenue, String price) {
    return new String[] {city, revenue, price};
  }

  private static CsvTable table(String[]... rows) {
    return new CsvTable(List.of("city", "revenue", "price"), new ArrayList<>(List.of(rows)));
  }
}
