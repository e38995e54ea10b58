package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.spec.DatasetSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates a telecom-style customer churn table, one row per customer, fully determined by the
 * seed: tenure, monthly and total charges, contract type, payment method, support calls, and a
 * {@code churn} label (0/1) drawn from a logistic model of those features plus noise, so a tabular
 * classifier has a real but imperfect relation to learn.
 *
 * <p>The relation, on the logit scale: churn falls with tenure and with longer contracts, rises
 * with the monthly charge, with paying by electronic check and with every support call. A
 * Gaussian term outside the features and the Bernoulli draw cap what any model can reach; about a
 * quarter of customers churn.
 */
public final class ChurnDatasetGenerator {
  public static final int DEFAULT_ROWS = 5000;
  public static final long DEFAULT_SEED = 7L;
  public static final String LABEL = "churn";

  public static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("customer_id", "string"),
          new ColumnSpec("tenure_months", "int"),
          new ColumnSpec("monthly_charges", "float"),
          new ColumnSpec("total_charges", "float"),
          new ColumnSpec("contract_type", "string"),
          new ColumnSpec("payment_method", "string"),
          new ColumnSpec("support_calls", "int"),
          new ColumnSpec(LABEL, "int"));

  public static final List<String> CONTRACTS = List.of("month_to_month", "one_year", "two_year");
  private static final double[] CONTRACT_CDF = {0.55, 0.79, 1.0};
  /** Skews tenure: u^k with k > 1 crowds month-to-month customers towards short tenures. */
  private static final double[] CONTRACT_TENURE_EXPONENT = {1.8, 1.0, 0.6};
  private static final double[] CONTRACT_EFFECT = {1.0, -0.6, -1.6};

  public static final List<String> PAYMENT_METHODS =
      List.of("electronic_check", "mailed_check", "bank_transfer", "credit_card");
  private static final double[] PAYMENT_CDF = {0.34, 0.57, 0.79, 1.0};
  private static final double[] PAYMENT_EFFECT = {0.5, 0.0, -0.2, -0.25};

  private static final int MAX_TENURE = 72;
  private static final double INTERCEPT = -1.2;
  private static final double TENURE_EFFECT = -0.045;
  private static final double CHARGE_EFFECT = 0.02;
  private static final double SUPPORT_CALL_EFFECT = 0.35;
  private static final double SUPPORT_CALL_RATE = 1.5;
  private static final double NOISE = 0.5;

  public static DatasetSource withDefaults(DatasetSource source) {
    return new DatasetSource(
        source.type(), null, null, null, source.seed() != null ? source.seed() : DEFAULT_SEED, null, null, null,
        source.rows() != null ? source.rows() : DEFAULT_ROWS, source.validation());
  }

  public MaterializedDataset generate(DatasetSource source) {
    DatasetSource s = withDefaults(source);
    return generate(s.rows(), s.seed());
  }

  public MaterializedDataset generate(int rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
    DeterministicRandom random = new DeterministicRandom(seed);
    String idFormat = "CUST-%0" + Math.max(5, Integer.toString(rows).length()) + "d";
    List<String[]> table = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      int contract = DeterministicRandom.sampleIndex(CONTRACT_CDF, random.nextDouble());
      int payment = DeterministicRandom.sampleIndex(PAYMENT_CDF, random.nextDouble());
      int tenure =
          1 + (int) (MAX_TENURE * StrictMath.pow(random.nextDouble(), CONTRACT_TENURE_EXPONENT[contract]));
      tenure = Math.min(tenure, MAX_TENURE);
      double monthly = round2(18.25 + 100.0 * random.nextDouble());
      double total = round2(Math.max(monthly, monthly * tenure * (1.0 + 0.05 * random.nextGaussian())));
      int calls = poisson(random, SUPPORT_CALL_RATE);
      double logit =
          INTERCEPT
              + TENURE_EFFECT * (tenure - 24)
              + CHARGE_EFFECT * (monthly - 65)
              + CONTRACT_EFFECT[contract]
              + PAYMENT_EFFECT[payment]
              + SUPPORT_CALL_EFFECT * (calls - SUPPORT_CALL_RATE)
              + NOISE * random.nextGaussian();
      boolean churned = random.nextDouble() < 1.0 / (1.0 + StrictMath.exp(-logit));
      table.add(
          new String[] {
            String.format(Locale.ROOT, idFormat, i + 1),
            Integer.toString(tenure),
            String.format(Locale.ROOT, "%.2f", monthly),
            String.format(Locale.ROOT, "%.2f", total),
            CONTRACTS.get(contract),
            PAYMENT_METHODS.get(payment),
            Integer.toString(calls),
            churned ? "1" : "0"
          });
    }
    List<String> header = COLUMNS.stream().map(ColumnSpec::name).toList();
    return new MaterializedDataset(COLUMNS, new CsvTable(header, table));
  }

  /** Knuth's method over StrictMath: exact enough for small rates, and deterministic. */
  private static int poisson(DeterministicRandom random, double rate) {
    double limit = StrictMath.exp(-rate);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
