package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.spec.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransformFitterTests {
  private static CsvTable column(String name, String... values) {
    List<String[]> rows = new ArrayList<>();
    for (String value : values) {
      rows.add(new String[] {value});
    }
    return new CsvTable(List.of(name), rows);
  }

  @Test
  void shouldOrderTheVocabularyByFrequencyThenValueAndLeaveIndexZeroForUnknowns() {
    CsvTable train = column("city", "paris", "berlin", "paris", "lyon", "berlin", "paris", "", "athens");
    FeatureSpec city = new FeatureSpec(null, "city", "string", "embedding", null, null);

    FeatureTransform transform = TransformFitter.fit(city, 16, train);

    assertThat(transform.vocabulary()).containsExactly("paris", "berlin", "athens", "lyon");
    assertThat(transform.embeddingRows()).isEqualTo(5);
    assertThat(transform.dim()).isEqualTo(16);
    assertThat(transform.name()).isEqualTo("city");
    assertThat(transform.mean()).isNull();
    assertThat(transform.boundaries()).isNull();
  }

  @Test
  void shouldPreferTheFeaturesOwnEmbeddingDimAndName() {
    FeatureSpec city = new FeatureSpec("home_city", "city", "string", "embedding", 4, null);

    FeatureTransform transform = TransformFitter.fit(city, 16, column("city", "paris"));

    assertThat(transform.dim()).isEqualTo(4);
    assertThat(transform.name()).isEqualTo("home_city");
    assertThat(transform.column()).isEqualTo("city");
  }

  @Test
  void shouldNormalizeWithMeanAndPopulationStd() {
    FeatureSpec price = new FeatureSpec(null, "price", "float", "normalize", null, null);

    FeatureTransform transform = TransformFitter.fit(price, 16, column("price", "1", "2", "", "3", "4"));

    assertThat(transform.mean()).isCloseTo(2.5, within(1e-12));
    assertThat(transform.std()).isCloseTo(Math.sqrt(1.25), within(1e-12));
    assertThat(transform.width()).isEqualTo(1);
    assertThat(transform.vocabulary()).isNull();
  }

  @Test
  void shouldGiveAConstantColumnStdOne() {
    FeatureSpec price = new FeatureSpec(null, "price", "float", "normalize", null, null);

    FeatureTransform transform = TransformFitter.fit(price, 16, column("price", "7", "7", "7"));

    assertThat(transform.mean()).isEqualTo(7.0);
    assertThat(transform.std()).isEqualTo(1.0);
  }

  @Test
  void shouldPlaceBucketBoundariesAtQuantiles() {
    String[] oneToHundred = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).toArray(String[]::new);
    FeatureSpec quantity = new FeatureSpec(null, "quantity", "int", "bucketize", null, 4);

    FeatureTransform transform = TransformFitter.fit(quantity, 8, column("quantity", oneToHundred));

    assertThat(transform.boundaries()).containsExactly(26.0, 51.0, 76.0);
    assertThat(transform.embeddingRows()).isEqualTo(4);
    assertThat(transform.dim()).isEqualTo(8);
  }

  @Test
  void shouldMergeEqualBoundariesAndDefaultTheBucketCount() {
    String[] skewed = IntStream.range(0, 100).mapToObj(i -> i < 80 ? "1" : Integer.toString(i)).toArray(String[]::new);
    FeatureSpec quantity = new FeatureSpec(null, "quantity", "int", "bucketize", null, null);

    FeatureTransform transform = TransformFitter.fit(quantity, 8, column("quantity", skewed));

    // Ten buckets by default: the 10%..80% quantiles are all 1.
    assertThat(transform.boundaries()).containsExactly(1.0, 80.0, 90.0);
  }

  @Test
  void shouldCountEachTokenOfAMultiValuedCell() {
    CsvTable train = column("genres", "Action|Comedy", "Comedy", "", "Drama|Comedy|Action", "||Drama");
    FeatureSpec genres = new FeatureSpec(null, "genres", "string", "embedding", 8, null, "|", null, null, null);

    FeatureTransform transform = TransformFitter.fit(genres, 16, train);

    assertThat(transform.vocabulary()).containsExactly("Comedy", "Action", "Drama");
    assertThat(transform.separator()).isEqualTo("|");
    assertThat(MultiValuedCells.tokens("||Drama|", "|")).containsExactly("Drama");
  }

  @Test
  void shouldCarryTheCyclesAndHashBucketsThatNeedNoFitting() {
    FeatureSpec when = new FeatureSpec("when", "timestamp", "timestamp", "cyclical", null, null, null, null, null, null);
    FeatureSpec cross = new FeatureSpec("age_x_gender", null, null, "cross", 4, null, null, List.of("age", "gender"), 64, null);
    CsvTable train = new CsvTable(List.of("timestamp", "age", "gender"), List.<String[]>of(new String[] {"1700000000", "25", "F"}));

    FeatureTransform cyclical = TransformFitter.fit(when, 16, train);
    FeatureTransform crossed = TransformFitter.fit(cross, 16, train);

    assertThat(cyclical.cycles()).containsExactly("hour_of_day", "day_of_week");
    assertThat(cyclical.width()).isEqualTo(4);
    assertThat(cyclical.embeddingRows()).isZero();
    assertThat(crossed.columns()).containsExactly("age", "gender");
    assertThat(crossed.embeddingRows()).isEqualTo(64);
    assertThat(crossed.width()).isEqualTo(4);
  }

  @Test
  void shouldRecordTheLabelsTrainingMean() {
    CsvTable train =
        new CsvTable(List.of("user_id", "item_id", "rating"), List.<String[]>of(new String[] {"u1", "i1", "4"}, new String[] {"u2", "i1", "1"}));
    var config =
        new dev.trainflow.workflows.spec.FeatureConfig(
            "user_id", "item_id", List.of(new FeatureSpec(null, "user_id", "string", "embedding", null, null)),
            List.of(new FeatureSpec(null, "item_id", "string", "embedding", null, null)), null, "rating");

    var spec = TransformFitter.fit(config, null, train);

    assertThat(spec.labelColumn()).isEqualTo("rating");
    assertThat(spec.labelMean()).isEqualTo(2.5);
  }
}
