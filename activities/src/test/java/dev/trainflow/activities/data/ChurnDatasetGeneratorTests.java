package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import dev.trainflow.workflows.spec.DatasetSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChurnDatasetGeneratorTests {
  private final ChurnDatasetGenerator generator = new ChurnDatasetGenerator();

  @Test
  void shouldGenerateByteIdenticalDataForASeed() {
    byte[] first = generator.generate(2000, 3).table().toBytes();

    assertThat(generator.generate(2000, 3).table().toBytes()).isEqualTo(first);
    assertThat(generator.generate(2000, 4).table().toBytes()).isNotEqualTo(first);
  }

  @Test
  void shouldHaveTheChurnColumnsWithinTheirRanges() {
    MaterializedDataset dataset = generator.generate(3000, 7);
    CsvTable table = dataset.table();

    assertThat(dataset.columns().stream().map(c -> c.name() + ":" + c.type()))
        .containsExactly(
            "customer_id:string", "tenure_months:int", "monthly_charges:float", "total_charges:float",
            "contract_type:string", "payment_method:string", "support_calls:int", "churn:int");
    assertThat(table.size()).isEqualTo(3000);
    assertThat(Arrays.stream(table.values("customer_id")).distinct().count()).isEqualTo(3000);
    assertThat(Arrays.stream(ints(table, "tenure_months")).allMatch(t -> t >= 1 && t <= 72)).isTrue();
    assertThat(Arrays.stream(doubles(table, "monthly_charges")).allMatch(m -> m >= 18.25 && m <= 118.25)).isTrue();
    assertThat(Arrays.stream(ints(table, "support_calls")).allMatch(c -> c >= 0)).isTrue();
    assertThat(ints(table, "churn")).containsOnly(0, 1);
    assertThat(Arrays.stream(table.values("contract_type")).distinct()).containsExactlyInAnyOrderElementsOf(ChurnDatasetGenerator.CONTRACTS);
    assertThat(Arrays.stream(table.values("payment_method")).distinct())
        .containsExactlyInAnyOrderElementsOf(ChurnDatasetGenerator.PAYMENT_METHODS);
    double[] monthly = doubles(table, "monthly_charges");
    double[] total = doubles(table, "total_charges");
    int[] tenure = ints(table, "tenure_months");
    for (int i = 0; i < table.size(); i++) {
      // total is about tenure × monthly: the two must not be independent columns
      assertThat(total[i]).isBetween(monthly[i] * tenure[i] * 0.75, Math.max(monthly[i], monthly[i] * tenure[i] * 1.25));
    }
  }

  @Test
  void shouldTieChurnToTheFeaturesInTheDocumentedDirections() {
    CsvTable table = generator.generate(20_000, 11).table();
    int[] churn = ints(table, "churn");
    int[] tenure = ints(table, "tenure_months");
    int[] calls = ints(table, "support_calls");
    String[] contract = table.values("contract_type");
    String[] payment = table.values("payment_method");

    double overall = Arrays.stream(churn).average().orElseThrow();
    assertThat(overall).isBetween(0.15, 0.40);
    assertThat(rate(churn, i -> contract[i].equals("month_to_month")))
        .isGreaterThan(rate(churn, i -> contract[i].equals("two_year")) + 0.2);
    assertThat(rate(churn, i -> tenure[i] <= 12)).isGreaterThan(rate(churn, i -> tenure[i] >= 48) + 0.2);
    assertThat(rate(churn, i -> calls[i] >= 4)).isGreaterThan(rate(churn, i -> calls[i] == 0) + 0.1);
    assertThat(rate(churn, i -> payment[i].equals("electronic_check")))
        .isGreaterThan(rate(churn, i -> payment[i].equals("credit_card")));
  }

  @Test
  void shouldMaterializeAsASyntheticChurnSourceWithDefaults() {
    MaterializedDataset fromSource = new DatasetMaterializer().materialize(DatasetSource.syntheticChurn(500, 5));
    MaterializedDataset defaults =
        new DatasetMaterializer().materialize(new DatasetSource("synthetic_churn", null, null, null, null, null, null, null));

    assertThat(fromSource.table().toBytes()).isEqualTo(generator.generate(500, 5).table().toBytes());
    assertThat(defaults.rows()).isEqualTo(ChurnDatasetGenerator.DEFAULT_ROWS);
    assertThatThrownBy(() -> new DatasetMaterializer().materialize(DatasetSource.syntheticChurn(10, 5)))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("dataset_source.rows");
  }

  private static double rate(int[] churn, java.util.function.IntPredicate in) {
    int n = 0;
    int churned = 0;
    for (int i = 0; i < churn.length; i++) {
      if (in.test(i)) {
        n++;
        churned += churn[i];
      }
    }
    return (double) churned / n;
  }

  private static int[] ints(CsvTable table, String column) {
    return Arrays.stream(table.values(column)).mapToInt(Integer::parseInt).toArray();
  }

  private static double[] doubles(CsvTable table, String column) {
    return Arrays.stream(table.values(column)).mapToDouble(Double::parseDouble).toArray();
  }
}
