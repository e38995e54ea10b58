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
}
