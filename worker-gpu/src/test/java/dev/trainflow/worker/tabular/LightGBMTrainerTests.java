package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.activities.data.CsvTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * LightGBM beside XGBoost on the same churn rows: its natives load, it learns about as well, a
 * seed gives one model, training reports every round and stops when told, a model reads back from
 * its text to the same answers, and a multiclass batch gets a probability per class for every row.
 */
class LightGBMTrainerTests {
  private static final TrainerParams PARAMS = new TrainerParams(60, 4, 0.1, 9);
  private static final CsvTable TABLE = new ChurnDatasetGenerator().generate(3000, 4).table();
  private static final FeatureEncoder ENCODER = encoder();
  private static final EncodedData CHURN = churn();
  private static final EncodedData TRAIN = CHURN.subset(range(0, 2250));
  private static final EncodedData HELD_OUT = CHURN.subset(range(2250, 3000));
  private final LightGBMTrainer trainer = new LightGBMTrainer();

  @Test
  void shouldLoadLightGBMsNativeLibraryOnThisPlatform() {
    // the first dataset loads lib_lightgbm (and libgomp) from the jar; a missing native fails here
    double[][] x = new double[60][];
    double[] y = new double[60];
    double[] w = new double[60];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {i};
      y[i] = i < 30 ? 0 : 1;
      w[i] = 1;
    }
    TabularModel model =
        trainer.fit(new EncodedData(x, y, w), TabularTask.BINARY, 2, new TrainerParams(10, 2, 0.5, 1, 0.001, 1.0));

    double[][] p = model.predictProbabilities(new double[][] {{0}, {59}});
    assertThat(p[0][1]).isLessThan(0.5);
    assertThat(p[1][1]).isGreaterThan(0.5);
    assertThat(p[0][0] + p[0][1]).isCloseTo(1.0, within(1e-12));
    model.close();
  }

  @Test
  void shouldLearnTheChurnRelationAboutAsWellAsXGBoost() {
    TabularModel lightgbm = trainer.fit(TRAIN, TabularTask.BINARY, 2, PARAMS);
    TabularModel xgboost = new XGBoostTrainer().fit(TRAIN, TabularTask.BINARY, 2, PARAMS);

    double lightgbmAuc = auc(lightgbm);
    double xgboostAuc = auc(xgboost);

    assertThat(lightgbmAuc).isGreaterThan(0.7);
    // the same trees-and-depth budget on the same rows: neither library is far ahead
    assertThat(lightgbmAuc).as("xgboost %s", xgboostAuc).isCloseTo(xgboostAuc, within(0.05));
    double[] gain = lightgbm.gainImportance();
    assertThat(gain).hasSize(CHURN.x()[0].length);
    assertThat(java.util.Arrays.stream(gain).sum()).isPositive();
    lightgbm.close();
    xgboost.close();
  }

  @Test
  void shouldGiveOneModelForASeed() {
    // bagging draws rows by the seed: with it on, only the seed can make two models agree
    TrainerParams bagged = new TrainerParams(30, 4, 0.2, 3, 1.0, 0.7);

    TabularModel first = trainer.fit(TRAIN, TabularTask.BINARY, 2, bagged);
    TabularModel again = trainer.fit(TRAIN, TabularTask.BINARY, 2, bagged);
    TabularModel otherSeed = trainer.fit(TRAIN, TabularTask.BINARY, 2, bagged.withSeed(4));

    assertThat(again.toBytes()).isEqualTo(first.toBytes());
    assertThat(again.predictProbabilities(HELD_OUT.x())).isDeepEqualTo(first.predictProbabilities(HELD_OUT.x()));
    assertThat(otherSeed.predictProbabilities(HELD_OUT.x())).isNotEqualTo(first.predictProbabilities(HELD_OUT.x()));
  }

  @Test
  void shouldReportEveryRoundAndStopWhenProgressThrows() {
    List<Integer> rounds = new ArrayList<>();
    AtomicReference<byte[]> checkpoint = new AtomicReference<>();

    assertThatThrownBy(
            () -> trainer.fit(TRAIN, TabularTask.BINARY, 2, PARAMS, (done, total, model) -> {
              rounds.add(done);
              assertThat(total).isEqualTo(60);
              if (done == 15) {
                checkpoint.set(model.get());
                throw new IllegalStateException("cancelled at round 15");
              }
            }))
        .hasMessage("cancelled at round 15");

    assertThat(rounds).hasSize(15).startsWith(1, 2, 3).endsWith(15);
    // the checkpoint is LightGBM's text model of the first 15 rounds
    String text = new String(checkpoint.get(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("tree").contains("Tree=14").doesNotContain("Tree=15");
    TabularModel partial = LightGBMTrainer.load(checkpoint.get(), TabularTask.BINARY, 2, TRAIN.x()[0].length);
    assertThat(auc(partial)).isGreaterThan(0.6);
    partial.close();
  }

  @Test
  void shouldReadAModelBackFromItsTextToTheSameAnswers() {
    TabularModel trained = trainer.fit(TRAIN, TabularTask.BINARY, 2, PARAMS);

    TabularModel loaded = LightGBMTrainer.load(trained.toBytes(), TabularTask.BINARY, 2, TRAIN.x()[0].length);

    assertThat(loaded.predictProbabilities(HELD_OUT.x())).isDeepEqualTo(trained.predictProbabilities(HELD_OUT.x()));
    assertThat(loaded.gainImportance()).isEqualTo(trained.gainImportance());
    loaded.close();
    assertThatThrownBy(() -> loaded.predictProbabilities(HELD_OUT.x())).hasMessage("the LightGBM model is closed");
    loaded.close(); // a second close is harmless
  }

  @Test
  void shouldRefuseTextThatIsNoModelOrAModelOfAnotherShape() {
    byte[] binary = trainer.fit(TRAIN, TabularTask.BINARY, 2, new TrainerParams(5, 3, 0.3, 1)).toBytes();
    int width = TRAIN.x()[0].length;

    assertThatThrownBy(() -> LightGBMTrainer.load("not a model".getBytes(StandardCharsets.UTF_8), TabularTask.BINARY, 2, width))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a LightGBM model");
    assertThatThrownBy(() -> LightGBMTrainer.load(binary, TabularTask.MULTICLASS, 3, width))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the LightGBM model has 1 outputs, a multiclass model over 3 classes needs 3");
    assertThatThrownBy(() -> LightGBMTrainer.load(binary, TabularTask.BINARY, 2, width + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the LightGBM model reads " + width + " features, encoded_width is " + (width + 1));
  }

  @Test
  void shouldGiveEveryRowOfAMulticlassBatchAProbabilityPerClass() {
    // four classes from the support calls (0, 1, 2, 3+): more outputs than rows × 2, the size
    // lightgbm4j's own predictForMat allocates
    double[] calls = new double[CHURN.rows()];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = Math.min(3, (int) CHURN.x()[i][supportCallsColumn()]);
    }
    double[][] x = new double[CHURN.rows()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = CHURN.x()[i].clone();
      x[i][supportCallsColumn()] = Double.NaN;
    }
    EncodedData fourClasses = new EncodedData(x, calls, CHURN.weights());

    TabularModel model = trainer.fit(fourClasses, TabularTask.MULTICLASS, 4, new TrainerParams(10, 3, 0.2, 1));
    double[][] p = model.predictProbabilities(x);

    assertThat(p).hasNumberOfRows(x.length);
    for (double[] row : p) {
      assertThat(row).hasSize(4);
      assertThat(row[0] + row[1] + row[2] + row[3]).isCloseTo(1.0, within(1e-9));
    }
    model.close();
  }

  private double auc(TabularModel model) {
    double[][] p = model.predictProbabilities(HELD_OUT.x());
    return ClassificationMetrics.of(HELD_OUT.classes(), p, 2).get("roc_auc");
  }

  private static int supportCallsColumn() {
    return ENCODER.encodedSource().indexOf("support_calls");
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }

  private static FeatureEncoder encoder() {
    return FeatureEncoder.fit(
        TABLE.header(), TABLE.rows(),
        List.of("tenure_months", "monthly_charges", "total_charges", "support_calls", "contract_type", "payment_method"),
        List.of("contract_type", "payment_method"), CategoricalEncoding.ONE_HOT);
  }

  private static EncodedData churn() {
    var table = TABLE;
    FeatureEncoder encoder = ENCODER;
    double[] y = new double[table.size()];
    double[] w = new double[table.size()];
    String[] churn = table.values("churn");
    for (int i = 0; i < y.length; i++) {
      y[i] = Double.parseDouble(churn[i]);
      w[i] = 1;
    }
    return new EncodedData(encoder.transform(table.rows()), y, w);
  }
}
