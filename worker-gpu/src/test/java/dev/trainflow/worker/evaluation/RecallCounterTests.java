package dev.trainflow.worker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecallCounterTests {

  @Test
  void shouldCountAHitWhenTheCandidateRanksWithinTheCutoff() {
    float[] scores = new float[120];
    for (int j = 0; j < scores.length; j++) {
      scores[j] = -j;
    }
    RecallCounter counter = new RecallCounter();

    counter.add(scores, 0, 120, 4);
    counter.add(scores, 0, 120, 5);
    counter.add(scores, 0, 120, 99);
    counter.add(scores, 0, 120, 100);

    RecallAtK metrics = counter.recall();
    assertThat(metrics.at5()).isEqualTo(0.25);
    assertThat(metrics.at10()).isEqualTo(0.5);
    assertThat(metrics.at100()).isEqualTo(0.75);
    assertThat(counter.rows()).isEqualTo(4);
  }

  @Test
  void shouldRankTiedCandidatesByCatalogPosition() {
    float[] scores = new float[10];
    RecallCounter first = new RecallCounter();
    RecallCounter last = new RecallCounter();

    first.add(scores, 0, 10, 4);
    last.add(scores, 0, 10, 5);

    assertThat(first.recall(0)).isEqualTo(1.0);
    assertThat(last.recall(0)).isEqualTo(0.0);
  }

  @Test
  void shouldCountACandidateOutsideTheCatalogAsAMiss() {
    RecallCounter counter = new RecallCounter();

    counter.add(new float[] {1f, 2f}, 0, 2, -1);

    assertThat(counter.rows()).isEqualTo(1);
    assertThat(counter.recall(3)).isZero();
  }

  @Test
  void shouldSkipTheQuerysTrainingCandidatesForTheUnseenRecall() {
    float[] scores = {9, 8, 7, 6, 5, 4, 3};
    RecallCounter all = new RecallCounter();
    RecallCounter unseen = new RecallCounter();

    all.add(scores, 0, 7, 5);
    // positions 0, 1 and 5 were seen in training; the truth itself is never skipped
    unseen.add(scores, 0, 7, 5, new int[] {0, 1, 5});

    assertThat(all.recall(0)).isEqualTo(0.0);
    assertThat(unseen.recall(0)).isEqualTo(1.0);
  }
}
