package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.data.ChurnDatasetGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Round-by-round XGBoost training: progress after every round, a stop between rounds, and a
 * resume from the checkpoint that ends with the model an uninterrupted run grows.
 */
class XGBoostCheckpointTests {
  private static final TrainerParams PARAMS = new TrainerParams(40, 3, 0.2, 9);
  private final XGBoostTrainer trainer = new XGBoostTrainer();
  private final EncodedData churn = churn();

  @Test
  void shouldReportEveryRoundAndStopWhenProgressThrows() {
    List<Integer> rounds = new ArrayList<>();
    AtomicReference<byte[]> checkpoint = new AtomicReference<>();

    assertThatThrownBy(
            () -> trainer.fit(churn, TabularTask.BINARY, 2, PARAMS, null, (done, total, model) -> {
              rounds.add(done);
              if (done == 15) {
                checkpoint.set(model.get());
                throw new IllegalStateException("cancelled at round 15");
              }
            }))
        .hasMessage("cancelled at round 15");

    assertThat(rounds).hasSize(15).startsWith(1, 2, 3).endsWith(15);
    assertThat(checkpoint.get()).isNotEmpty();
  }

  @Test
  void shouldResumeFromACheckpointToTheSameModel() {
    AtomicReference<byte[]> checkpoint = new AtomicReference<>();
    try {
      trainer.fit(churn, TabularTask.BINARY, 2, PARAMS, null, (done, total, model) -> {
        if (done == 15) {
          checkpoint.set(model.get());
          throw new IllegalStateException("worker lost");
        }
      });
    } catch (IllegalStateException expected) {
      // the attempt died after round 15
    }
    List<Integer> resumedRounds = new ArrayList<>();

    TabularModel resumed =
        trainer.fit(churn, TabularTask.BINARY, 2, PARAMS, checkpoint.get(), (done, total, model) -> resumedRounds.add(done));
    TabularModel uninterrupted = trainer.fit(churn, TabularTask.BINARY, 2, PARAMS);

    assertThat(resumedRounds).startsWith(16).endsWith(40).hasSize(25);
    double[][] a = resumed.predictProbabilities(churn.x());
    double[][] b = uninterrupted.predictProbabilities(churn.x());
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i][1]).as("row %d", i).isEqualTo(b[i][1]);
    }
  }

  private static EncodedData churn() {
    var table = new ChurnDatasetGenerator().generate(1500, 4).table();
    FeatureEncoder encoder =
        FeatureEncoder.fit(
            table.header(), table.rows(),
            List.of("tenure_months", "monthly_charges", "total_charges", "contract_type", "payment_method", "support_calls"),
            List.of("contract_type", "payment_method"), CategoricalEncoding.ONE_HOT);
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
