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

  @Test
  void shouldEncodeTimestampsAsSinAndCosOfEachCycle() {
    FeatureTransform when =
        new FeatureTransform("when", "ts", "timestamp", "cyclical", 0, null, null, null, null, null, null, null, List.of("hour_of_day", "day_of_week"));
    TowerSpec tower = TowerSpec.of("query", List.of(when), List.of(), 8);
    // 1970-01-05 06:00 UTC: a Monday, a quarter into the day
    CsvTable table = new CsvTable(List.of("ts"), new ArrayList<>(List.<String[]>of(new String[] {Long.toString(4 * 86_400 + 6 * 3_600)}, new String[] {""})));

    float[] values = FeatureEncoder.encode(tower, table, "train").features().get(0).values();

    assertThat(values).hasSize(8);
    assertThat(values[0]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
    assertThat(values[1]).isCloseTo(0f, org.assertj.core.api.Assertions.within(1e-6f));
    double weekPhase = 0.25 / 7;
    assertThat(values[2]).isCloseTo((float) Math.sin(2 * Math.PI * weekPhase), org.assertj.core.api.Assertions.within(1e-6f));
    assertThat(values[3]).isCloseTo((float) Math.cos(2 * Math.PI * weekPhase), org.assertj.core.api.Assertions.within(1e-6f));
    assertThat(java.util.Arrays.copyOfRange(values, 4, 8)).containsOnly(0f);
  }

  @Test
  void shouldHashCrossedCellsWithTensorFlowsOwnHash() {
    FeatureTransform cross = new FeatureTransform("a_x_b", null, null, "cross", 4, null, null, null, null, null, List.of("a", "b"), 50, null);
    TowerSpec tower = TowerSpec.of("query", List.of(cross), List.of(), 8);
    CsvTable table = new CsvTable(List.of("a", "b"), new ArrayList<>(List.<String[]>of(new String[] {"x", "1"}, new String[] {"x", "1"}, new String[] {"y", ""})));

    int[] buckets = FeatureEncoder.encode(tower, table, "train").features().get(0).indices();

    long[] expected = StringHashing.buckets(new String[] {"x_X_1", "y_X_"}, 50);
    assertThat(buckets).containsExactly((int) expected[0], (int) expected[0], (int) expected[1]);
    assertThat(java.util.Arrays.stream(buckets).allMatch(b -> b >= 0 && b < 50)).isTrue();
  }

  @Test
  void shouldAverageTheTokensOfAMultiValuedCell() {
    FeatureTransform genres =
        new FeatureTransform("genres", "genres", "string", "embedding", 4, List.of("Drama", "Comedy"), null, null, null, "|", null, null, null);
    TowerSpec tower = TowerSpec.of("candidate", List.of(genres), List.of(), 8);
    CsvTable table =
        new CsvTable(List.of("genres"), new ArrayList<>(List.<String[]>of(new String[] {"Comedy|Drama|Noir"}, new String[] {""}, new String[] {"Drama"})));

    var bag = FeatureEncoder.encode(tower, table, "train").features().get(0);

    assertThat(bag.width()).isEqualTo(3);
    assertThat(bag.indices()).containsExactly(2, 1, 0, 0, 0, 0, 1, 0, 0);
    assertThat(bag.weights()).containsExactly(1f / 3, 1f / 3, 1f / 3, 0, 0, 0, 1, 0, 0);
  }
}
