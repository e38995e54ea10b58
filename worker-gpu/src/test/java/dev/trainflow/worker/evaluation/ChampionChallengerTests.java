package dev.trainflow.worker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.worker.tabular.TabularFit;
import dev.trainflow.worker.tabular.TabularFixtures;
import dev.trainflow.worker.tabular.TabularPredictor;
import dev.trainflow.worker.tabular.TabularTraining;
import dev.trainflow.worker.tabular.TrainerParams;
import dev.trainflow.worker.tabular.XGBoostTrainer;
import org.junit.jupiter.api.Test;

/** Paired bootstrap comparisons of churn models on the same held-out rows. */
class ChampionChallengerTests {
  private static TabularPredictor train(TrainerParams params) {
    TabularFit fit = new TabularTraining(TabularFixtures.TRAIN, TabularFixtures.BINARY).trainAndTest(new XGBoostTrainer(), params, TabularFixtures.TEST);
    return TabularPredictor.of(fit.bundle());
  }

  @Test
  void shouldCallAClearlyStrongerCandidateBetterWithAnIntervalAboveZero() {
    try (TabularPredictor strong = train(new TrainerParams(60, 3, 0.2, 1));
        TabularPredictor stump = train(new TrainerParams(1, 1, 0.05, 1))) {
      ModelComparison comparison = ChampionChallenger.compare(strong, stump, TabularFixtures.TEST, 500, 7);

      MetricDelta auc = comparison.metric("roc_auc");
      assertThat(comparison.testRows()).isEqualTo(TabularFixtures.TEST.size());
      assertThat(auc.delta()).isPositive();
      assertThat(auc.ciLow()).isPositive().isLessThan(auc.delta());
      assertThat(auc.ciHigh()).isGreaterThan(auc.delta());
      assertThat(auc.verdict()).isEqualTo(MetricDelta.BETTER);
      // the same comparison the other way round is worse by the same amount
      ModelComparison reverse = ChampionChallenger.compare(stump, strong, TabularFixtures.TEST, 500, 7);
      assertThat(reverse.metric("roc_auc").delta()).isEqualTo(-auc.delta());
      assertThat(reverse.metric("roc_auc").verdict()).isEqualTo(MetricDelta.WORSE);
    }
  }

  @Test
  void shouldFindNoDifferenceBetweenAModelAndItself() {
    try (TabularPredictor model = train(TabularFixtures.PARAMS); TabularPredictor same = train(TabularFixtures.PARAMS)) {
      ModelComparison comparison = ChampionChallenger.compare(model, same, TabularFixtures.TEST, 200, 3);

      comparison.metrics().forEach(m -> {
        assertThat(m.delta()).as(m.metric()).isZero();
        assertThat(m.verdict()).as(m.metric()).isEqualTo(MetricDelta.INCONCLUSIVE);
      });
      assertThat(ChampionChallenger.compare(model, same, TabularFixtures.TEST, 200, 3)).isEqualTo(comparison);
    }
  }

  @Test
  void shouldRefuseModelsThatPredictDifferentThings() {
    TabularFit regression = TabularFixtures.fit(new XGBoostTrainer(), TabularFixtures.REGRESSION);
    try (TabularPredictor classifier = train(TabularFixtures.PARAMS);
        TabularPredictor regressor = TabularPredictor.of(regression.bundle())) {
      assertThatThrownBy(() -> ChampionChallenger.compare(classifier, regressor, TabularFixtures.TEST, 10, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("predict different things");
    }
  }
}
