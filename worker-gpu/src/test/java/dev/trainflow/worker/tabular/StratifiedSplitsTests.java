package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StratifiedSplitsTests {
  @Test
  void shouldKeepEachClassShareInEveryFold() {
    int[] strata = new int[1000];
    for (int i = 0; i < 200; i++) {
      strata[i * 5] = 1; // 20 % positives
    }

    int[] fold = StratifiedSplits.kFold(strata, 5, 3);

    for (int f = 0; f < 5; f++) {
      int rows = 0;
      int positives = 0;
      for (int i = 0; i < strata.length; i++) {
        if (fold[i] == f) {
          rows++;
          positives += strata[i];
        }
      }
      assertThat(rows).isEqualTo(200);
      assertThat(positives).isEqualTo(40);
    }
  }

  @Test
  void shouldBeReproducibleForASeedAndDifferForAnother() {
    int[] strata = new int[300];
    for (int i = 0; i < 300; i += 3) {
      strata[i] = 1;
    }

    assertThat(StratifiedSplits.kFold(strata, 4, 9)).isEqualTo(StratifiedSplits.kFold(strata, 4, 9));
    assertThat(StratifiedSplits.kFold(strata, 4, 9)).isNotEqualTo(StratifiedSplits.kFold(strata, 4, 10));
    boolean[] test = StratifiedSplits.holdout(strata, 0.2, 9);
    int held = 0;
    int heldPositives = 0;
    for (int i = 0; i < test.length; i++) {
      held += test[i] ? 1 : 0;
      heldPositives += test[i] ? strata[i] : 0;
    }
    assertThat(held).isEqualTo(60);
    assertThat(heldPositives).isEqualTo(20);
  }
}
