package dev.trainflow.workflows.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Random search and TPE as pure functions of the seed, the trial number and the observations. */
class HyperparameterSamplerTests {
  private static final Map<String, ParameterRange> SPACE =
      Map.of(
          "learning_rate", ParameterRange.logUniform(0.001, 1.0),
          "max_depth", ParameterRange.integer(2, 12),
          "subsample", ParameterRange.uniform(0.5, 1.0),
          "optimizer", ParameterRange.choice(List.of("adam", "adagrad", "sgd")));

  private static TuningSpec spec(String algorithm, long seed, int trials) {
    return new TuningSpec(SPACE, new TuningObjective("roc_auc", TuningObjective.MAXIMIZE), trials, 1, algorithm, null, seed, null, null);
  }

  /** Best 1.0 at learning_rate 0.05, max_depth 7, subsample 0.8 and adam. */
  private static double objective(Map<String, Object> p) {
    double lr = Math.log10((Double) p.get("learning_rate")) - Math.log10(0.05);
    int depth = (Integer) p.get("max_depth");
    double subsample = (Double) p.get("subsample");
    double optimizer = switch ((String) p.get("optimizer")) {
      case "adam" -> 0.0;
      case "adagrad" -> 0.05;
      default -> 0.15;
    };
    return 1.0 - 0.08 * lr * lr - 0.004 * (depth - 7) * (depth - 7) - (subsample - 0.8) * (subsample - 0.8) - optimizer;
  }

  /** A sequential job: each trial sees every earlier one. Returns the best value. */
  private static double bestOf(TuningSpec spec) {
    List<HyperparameterSampler.Observation> observed = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (int trial = 1; trial <= spec.maxTrials(); trial++) {
      Map<String, Object> params = HyperparameterSampler.suggest(spec, trial, observed, List.of());
      double value = objective(params);
      observed.add(new HyperparameterSampler.Observation(params, value));
      best = Math.max(best, value);
    }
    return best;
  }

  @Test
  void shouldKeepEverySuggestionInItsRangeAndType() {
    for (String algorithm : TuningSpec.ALGORITHMS) {
      TuningSpec spec = spec(algorithm, 5, 60);
      List<HyperparameterSampler.Observation> observed = new ArrayList<>();
      for (int trial = 1; trial <= 60; trial++) {
        Map<String, Object> p = HyperparameterSampler.suggest(spec, trial, observed, List.of());
        assertThat((Double) p.get("learning_rate")).isBetween(0.001, 1.0);
        assertThat((Integer) p.get("max_depth")).isBetween(2, 12);
        assertThat((Double) p.get("subsample")).isBetween(0.5, 1.0);
        assertThat(p.get("optimizer")).isIn("adam", "adagrad", "sgd");
        observed.add(new HyperparameterSampler.Observation(p, objective(p)));
      }
    }
  }

  @Test
  void shouldSuggestTheSameForTheSameSeedTrialAndObservations() {
    TuningSpec spec = spec(TuningSpec.TPE, 17, 20);
    List<HyperparameterSampler.Observation> observed = new ArrayList<>();
    for (int trial = 1; trial <= 8; trial++) {
      Map<String, Object> p = HyperparameterSampler.suggest(spec, trial, observed, List.of());
      observed.add(new HyperparameterSampler.Observation(p, objective(p)));
    }
    Map<String, Object> once = HyperparameterSampler.suggest(spec, 9, observed, List.of());
    assertThat(HyperparameterSampler.suggest(spec, 9, List.copyOf(observed), List.of())).isEqualTo(once);
    assertThat(HyperparameterSampler.suggest(spec(TuningSpec.TPE, 18, 20), 9, observed, List.of())).isNotEqualTo(once);
    assertThat(HyperparameterSampler.suggest(spec, 10, observed, List.of())).isNotEqualTo(once);
  }

  @Test
  void shouldSearchBetterWithTpeThanAtRandomOnAverage() {
    double tpe = 0;
    double random = 0;
    int seeds = 30;
    for (long seed = 1; seed <= seeds; seed++) {
      tpe += bestOf(spec(TuningSpec.TPE, seed, 30));
      random += bestOf(spec(TuningSpec.RANDOM, seed, 30));
    }
    assertThat(tpe / seeds).as("mean best of 30 trials over %d seeds (random: %.4f)", seeds, random / seeds).isGreaterThan(random / seeds);
  }

  @Test
  void shouldFocusTpeSuggestionsNearTheGoodTrials() {
    TuningSpec spec = spec(TuningSpec.TPE, 3, 40);
    List<HyperparameterSampler.Observation> observed = new ArrayList<>();
    for (int trial = 1; trial <= 40; trial++) {
      Map<String, Object> p = HyperparameterSampler.suggest(spec, trial, observed, List.of());
      observed.add(new HyperparameterSampler.Observation(p, objective(p)));
    }
    double firstTen = observed.subList(0, 10).stream().mapToDouble(HyperparameterSampler.Observation::value).average().orElseThrow();
    double lastTen = observed.subList(30, 40).stream().mapToDouble(HyperparameterSampler.Observation::value).average().orElseThrow();
    assertThat(lastTen).as("the model's late suggestions beat the random startup ones").isGreaterThan(firstTen);
  }

  @Test
  void shouldStopATrialOutsideTheTopThirdOfItsRungOnceThreeReachedIt() {
    SuccessiveHalving halving =
        new SuccessiveHalving(new TrialEarlyStopping(TrialEarlyStopping.SUCCESSIVE_HALVING, 3, 1), new TuningObjective("roc_auc", "maximize"));
    assertThat(halving.shouldStop(1, 1, 0.80)).as("alone at its rung").isFalse();
    assertThat(halving.shouldStop(2, 1, 0.70)).isFalse();
    assertThat(halving.shouldStop(3, 1, 0.75)).as("2nd of 3: not in the top 1").isTrue();
    assertThat(halving.shouldStop(4, 1, 0.90)).as("best of 4").isFalse();
    assertThat(halving.shouldStop(4, 2, 0.10)).as("step 2 is no rung").isFalse();
    assertThat(halving.shouldStop(4, 3, 0.91)).as("alone at rung 3").isFalse();
    assertThat(new TrialEarlyStopping(TrialEarlyStopping.SUCCESSIVE_HALVING, 2, 2).isRung(8)).isTrue();
    assertThat(new TrialEarlyStopping(TrialEarlyStopping.SUCCESSIVE_HALVING, 2, 2).isRung(6)).isFalse();

    SuccessiveHalving minimize =
        new SuccessiveHalving(new TrialEarlyStopping(TrialEarlyStopping.SUCCESSIVE_HALVING, 2, 1), new TuningObjective("rmse", "minimize"));
    assertThat(minimize.shouldStop(1, 1, 0.5)).isFalse();
    assertThat(minimize.shouldStop(2, 1, 0.9)).as("worse half of 2 when lower is better").isTrue();
  }

  @Test
  void shouldApplyHyperparametersToTrainingParamsByTheirJsonNames() {
    var base = dev.trainflow.workflows.spec.TrainingParams.empty().withDefaults(null);
    var applied = TrainingParamOverrides.apply(base, Map.of("learning_rate", 0.02, "max_depth", 5, "num_trees", 300, "optimizer", "adam"));
    assertThat(applied.learningRate()).isEqualTo(0.02);
    assertThat(applied.maxDepth()).isEqualTo(5);
    assertThat(applied.numTrees()).isEqualTo(300);
    assertThat(applied.optimizer()).isEqualTo("adam");
    assertThat(applied.epochs()).isEqualTo(base.epochs());
    assertThat(applied.retryPolicy()).isEqualTo(base.retryPolicy());
    assertThat(TrainingParamOverrides.fields()).containsKeys("learning_rate", "num_trees", "max_depth", "min_child_weight", "subsample", "cv_folds", "batch_size");
  }
}
