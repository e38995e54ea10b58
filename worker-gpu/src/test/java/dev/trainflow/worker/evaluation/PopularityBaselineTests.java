package dev.trainflow.worker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PopularityBaselineTests {

  @Test
  void shouldRecommendTheMostFrequentTrainingCandidatesWithTiesToTheSmallerId() {
    PopularityBaseline baseline = PopularityBaseline.fit(new String[] {"b", "c", "c", "a", "b", "d", "c"});

    assertThat(baseline.topCandidates()).containsExactly("c", "b", "a", "d");
  }

  @Test
  void shouldMeasureRecallOfTheListOnTheGivenRows() {
    String[] train = new String[120];
    for (int i = 0; i < train.length; i++) {
      train[i] = String.format("p%03d", i);
    }
    PopularityBaseline baseline = PopularityBaseline.fit(train);

    SplitMetrics metrics = baseline.evaluate(new String[] {"p000", "p007", "p110", "unseen"});

    assertThat(metrics.recall().at5()).isEqualTo(0.25);
    assertThat(metrics.recall().at10()).isEqualTo(0.5);
    assertThat(metrics.recall().at100()).isEqualTo(0.5);
    assertThat(metrics.loss()).isNull();
  }

  @Test
  void shouldRecommendTheMostPopularUnseenCandidatesForTheUnseenRecall() {
    // popularity order p0..p119; query q saw p0..p4, so for q the unseen list starts at p5
    String[] train = new String[120 + 5];
    for (int i = 0; i < 120; i++) {
      train[i] = String.format("p%03d", i);
    }
    for (int i = 0; i < 5; i++) {
      train[120 + i] = String.format("p%03d", i);
    }
    PopularityBaseline baseline = PopularityBaseline.fit(train);
    dev.trainflow.activities.data.CsvTable catalogTable =
        new dev.trainflow.activities.data.CsvTable(
            java.util.List.of("id"), new java.util.ArrayList<>(java.util.Arrays.stream(train, 0, 120).map(id -> new String[] {id}).toList()));
    dev.trainflow.worker.data.Catalog catalog =
        dev.trainflow.worker.data.Catalog.of(
            catalogTable, "id", dev.trainflow.worker.model.TowerSpec.of("candidate",
                java.util.List.of(new dev.trainflow.workflows.activities.FeatureTransform("id", "id", "string", "embedding", 2, java.util.List.of(), null, null, null)),
                java.util.List.of(), 2));
    SeenCandidates seen = SeenCandidates.of(new String[] {"q", "q", "q", "q", "q"}, new int[] {0, 1, 2, 3, 4});

    SplitMetrics metrics = baseline.evaluate(new String[] {"q"}, new String[] {"p009"}, seen, catalog);

    assertThat(metrics.recall().at5()).isZero();
    assertThat(metrics.recallUnseen().at5()).isEqualTo(1.0);
  }
}
