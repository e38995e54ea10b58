package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.activities.data.CsvTable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each trainer on the synthetic churn data: it learns the relation (held-out ROC-AUC well above
 * chance), handles multiclass and regression, reports gain importance that finds the strong
 * features, and cross-validates reproducibly.
 */
class TabularTrainersTests {
  private static final CsvTable CHURN = new ChurnDatasetGenerator().generate(3000, 17).table();
  private static final TabularSpec CHURN_SPEC = TabularSpec.classification("churn", List.of("customer_id"));
  private static final TrainerParams PARAMS = new TrainerParams(100, 4, 0.1, 5);

  static Stream<TabularTrainer> trainers() {
    return Stream.of(new XGBoostTrainer(), new RandomForestTrainer(), new LightGBMTrainer());
  }

  @Test
  void shouldLoadXGBoostsNativeLibraryOnThisPlatform() {
    // the first DMatrix loads libxgboost4j from the jar; a missing or incompatible native fails here
    double[][] x = new double[40][];
    double[] y = new double[40];
    double[] w = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {i};
      y[i] = i < 20 ? 0 : 1;
      w[i] = 1;
    }
    TabularModel model =
        new XGBoostTrainer().fit(new EncodedData(x, y, w), TabularTask.BINARY, 2, new TrainerParams(5, 2, 0.5, 1));

    double[][] p = model.predictProbabilities(new double[][] {{0}, {39}});
    assertThat(p[0][1]).isLessThan(0.5);
    assertThat(p[1][1]).isGreaterThan(0.5);
    assertThat(p[0][0] + p[0][1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void shouldLearnTheChurnRelation(TabularTrainer trainer) {
    TabularResult result = new TabularTraining(CHURN, CHURN_SPEC).holdout(trainer, PARAMS, 0.25);

    assertThat(result.task()).isEqualTo(TabularTask.BINARY);
    assertThat(result.classLabels()).containsExactly("0", "1");
    assertThat(result.testRows()).isBetween(749, 751); // 25 % of each class, rounded
    assertThat(result.metrics().get("roc_auc")).as(result.metrics().toString()).isGreaterThan(0.7);
    assertThat(result.metrics().get("pr_auc")).isGreaterThan(0.4);
    assertThat(result.metrics().keySet())
        .containsExactly("accuracy", "precision", "recall", "f1_score", "roc_auc", "pr_auc");
    // gain sits on the columns that drive churn, not on the noise-free but irrelevant id (ignored)
    assertThat(result.importance().keySet())
        .containsExactlyInAnyOrder("tenure_months", "monthly_charges", "total_charges", "contract_type", "payment_method", "support_calls");
    assertThat(result.importance().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(List.copyOf(result.importance().keySet()).subList(0, 3)).containsAnyOf("tenure_months", "contract_type");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void shouldLearnWithOrdinalEncodingToo(TabularTrainer trainer) {
    TabularResult result =
        new TabularTraining(CHURN, CHURN_SPEC.withEncoding(CategoricalEncoding.ORDINAL)).holdout(trainer, PARAMS, 0.25);

    assertThat(result.metrics().get("roc_auc")).isGreaterThan(0.7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void shouldRaiseMinorityRecallWithBalancedClassWeights(TabularTrainer trainer) {
    double plain = new TabularTraining(CHURN, CHURN_SPEC).holdout(trainer, PARAMS, 0.25).metrics().get("recall");
    double weighted =
        new TabularTraining(CHURN, CHURN_SPEC.withClassWeights(ClassWeights.BALANCED))
            .holdout(trainer, PARAMS, 0.25).metrics().get("recall");

    assertThat(weighted).isGreaterThan(plain + 0.05);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void shouldClassifyMulticlassLabels(TabularTrainer trainer) {
    // the contract type shapes tenure (and so total charges): a learnable three-class label
    TabularSpec spec =
        new TabularSpec("contract_type", TabularSpec.CLASSIFICATION, null, List.of("customer_id"), null, null);

    TabularResult result = new TabularTraining(CHURN, spec).holdout(trainer, PARAMS, 0.25);

    assertThat(result.task()).isEqualTo(TabularTask.MULTICLASS);
    assertThat(result.classLabels()).containsExactly("month_to_month", "one_year", "two_year");
    assertThat(result.metrics().get("roc_auc")).isGreaterThan(0.6);
    assertThat(result.metrics().get("accuracy")).isGreaterThan(0.55);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void shouldRegressTotalCharges(TabularTrainer trainer) {
    // total charges ≈ tenure × monthly charges: a tree ensemble explains most of the variance
    TabularSpec spec =
        new TabularSpec("total_charges", TabularSpec.REGRESSION, null, List.of("customer_id", "churn"), null, null);

    // unbounded depth (XGBoost's default 6): a product of two features needs many splits
    TabularResult result = new TabularTraining(CHURN, spec).holdout(trainer, new TrainerParams(200, 0, 0.1, 5), 0.25);

    assertThat(result.task()).isEqualTo(TabularTask.REGRESSION);
    assertThat(result.metrics().keySet()).containsExactly("rmse", "mae", "r2");
    assertThat(result.metrics().get("r2")).as(result.metrics().toString()).isGreaterThan(0.9);
    assertThat(List.copyOf(result.importance().keySet()).subList(0, 2))
        .containsExactlyInAnyOrder("tenure_months", "monthly_charges");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void shouldCrossValidateReproduciblyWithASeed(TabularTrainer trainer) {
    TabularTraining training = new TabularTraining(CHURN, CHURN_SPEC);
    TrainerParams small = new TrainerParams(30, 3, 0.2, 11);

    CrossValidationResult first = training.crossValidate(trainer, small, 3);
    CrossValidationResult again = training.crossValidate(trainer, small, 3);
    CrossValidationResult otherSeed = training.crossValidate(trainer, small.withSeed(12), 3);

    assertThat(first.folds()).hasSize(3);
    assertThat(again.mean()).isEqualTo(first.mean());
    assertThat(again.std()).isEqualTo(first.std());
    assertThat(otherSeed.folds()).isNotEqualTo(first.folds());
    assertThat(first.mean().get("roc_auc")).isGreaterThan(0.7);
    double[] auc = first.folds().stream().mapToDouble(f -> f.get("roc_auc")).toArray();
    double mean = (auc[0] + auc[1] + auc[2]) / 3;
    assertThat(first.mean().get("roc_auc")).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-12));
    double variance = ((auc[0] - mean) * (auc[0] - mean) + (auc[1] - mean) * (auc[1] - mean) + (auc[2] - mean) * (auc[2] - mean)) / 2;
    assertThat(first.std().get("roc_auc")).isCloseTo(Math.sqrt(variance), org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void shouldNameTheProblemWithABadTable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TabularTraining(CHURN, TabularSpec.classification("churned", List.of())))
        .hasMessageContaining("label: no column 'churned'");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TabularTraining(CHURN, new TabularSpec("contract_type", TabularSpec.REGRESSION, null, List.of(), null, null)))
        .hasMessageContaining("expected a number, got 'month_to_month'");
  }
}
