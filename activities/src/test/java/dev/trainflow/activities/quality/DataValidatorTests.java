package dev.trainflow.activities.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.workflows.spec.DataValidationSpec;
import dev.trainflow.workflows.spec.DataValidationSpec.Consistency;
import dev.trainflow.workflows.spec.DataValidationSpec.Freshness;
import dev.trainflow.workflows.spec.DataValidationSpec.Uniqueness;
import dev.trainflow.workflows.spec.DataValidationSpec.Validity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each check passes on clean data and fails, naming its column and rule, on data broken for it. */
class DataValidatorTests {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final long DAY = 86_400;
  private static final List<String> HEADER = List.of("order_id", "segment", "amount", "email", "start", "end", "ts");

  /** 20 clean rows: unique ids, known segments, amounts 10..200, ordered start/end, timestamps up to a day old. */
  private static List<String[]> cleanRows() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(
          new String[] {
            "o" + i,
            i % 2 == 0 ? "smb" : "enterprise",
            Integer.toString(10 * (i + 1)),
            "user" + i + "@example.com",
            Long.toString(1000 + i),
            Long.toString(2000 + i),
            Long.toString(NOW.getEpochSecond() - DAY - i * 60L)
          });
    }
    return rows;
  }

  private static DataValidationSpec everyCheck() {
    return new DataValidationSpec(
        10L,
        Map.of("amount", 0.1),
        List.of(
            new Validity("amount", "float", 0.0, 1000.0, null, null),
            new Validity("segment", "string", null, null, List.of("smb", "enterprise"), null),
            new Validity("email", null, null, null, null, "[^@]+@[^@]+\\.[a-z]+")),
        List.of(new Uniqueness(List.of("order_id"))),
        List.of(new Consistency("end", ">=", "start")),
        new Freshness("ts", 7.0));
  }

  private static DataValidationReport validate(Consumer<List<String[]>> breakIt) {
    List<String[]> rows = cleanRows();
    breakIt.accept(rows);
    return new DataValidator(NOW).validate(1L, "abc", new CsvTable(HEADER, rows), everyCheck());
  }

  private static DataCheckResult onlyFailure(DataValidationReport report) {
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).as(report.failureMessage()).hasSize(1);
    return report.failures().get(0);
  }

  @Test
  void shouldPassEveryCheckOnCleanData() {
    DataValidationReport report = validate(rows -> {});

    assertThat(report.passed()).as(report.toString()).isTrue();
    assertThat(report.rows()).isEqualTo(20);
    assertThat(report.checks())
        .extracting(DataCheckResult::rule)
        .containsExactly("min_rows", "completeness", "type", "range", "type", "allowed", "pattern", "uniqueness", "consistency", "freshness");
    DataCheckResult freshness = report.checks().get(report.checks().size() - 1);
    assertThat(freshness.observed()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void shouldFailMinRowsBelowTheMinimum() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.subList(9, rows.size()).clear()));

    assertThat(failed.check()).isEqualTo("min_rows");
    assertThat(failed.observed()).isEqualTo(9.0);
    assertThat(failed.threshold()).isEqualTo(10.0);
    assertThat(failed.message()).isEqualTo("min_rows: 9 rows, at least 10 required");
  }

  @Test
  void shouldFailCompletenessAboveTheMissingRatio() {
    DataCheckResult failed = onlyFailure(validate(rows -> { rows.get(3)[2] = ""; rows.get(4)[2] = ""; rows.get(5)[2] = ""; }));

    assertThat(failed.check()).isEqualTo("completeness");
    assertThat(failed.column()).isEqualTo("amount");
    assertThat(failed.observed()).isEqualTo(0.15);
    assertThat(failed.message()).startsWith("completeness of 'amount': missing ratio 0.1500 (3 of 20 rows)");
    assertThat(failed.sampleRows()).extracting(DataCheckResult.SampleRow::row).containsExactly(3L, 4L, 5L);
  }

  @Test
  void shouldFailValidityOnTheWrongType() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.get(7)[2] = "12,5"));

    assertThat(failed.rule()).isEqualTo("type");
    assertThat(failed.column()).isEqualTo("amount");
    // "12,5" is no number: the type rule reports it, the range rule leaves it to that one
    assertThat(failed.message()).isEqualTo("validity (type) of 'amount': 1 of 20 rows not of type float");
  }

  @Test
  void shouldFailValidityOutsideTheNumericRange() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.get(2)[2] = "-5"));

    assertThat(failed.rule()).isEqualTo("range");
    assertThat(failed.message()).isEqualTo("validity (range) of 'amount': 1 of 20 rows outside [0, 1000]");
    assertThat(failed.sampleRows().get(0).values()).containsEntry("amount", "-5").containsEntry("order_id", "o2");
  }

  @Test
  void shouldFailRangeOnANonNumberWhenNoTypeIsGiven() {
    List<String[]> rows = cleanRows();
    rows.get(1)[2] = "n/a";
    DataValidationSpec spec = new DataValidationSpec(null, null, List.of(new Validity("amount", null, 0.0, null, null, null)), null, null, null);

    DataValidationReport report = new DataValidator(NOW).validate(1L, "abc", new CsvTable(HEADER, rows), spec);

    assertThat(onlyFailure(report).message()).isEqualTo("validity (range) of 'amount': 1 of 20 rows outside [0, Infinity] or not a number");
  }

  @Test
  void shouldFailValidityOnAnUnknownCategory() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.get(0)[1] = "startup"));

    assertThat(failed.rule()).isEqualTo("allowed");
    assertThat(failed.column()).isEqualTo("segment");
    assertThat(failed.message()).isEqualTo("validity (allowed) of 'segment': 1 of 20 rows not one of [smb, enterprise]");
  }

  @Test
  void shouldFailValidityOnAValueNotMatchingThePattern() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.get(11)[3] = "not-an-email"));

    assertThat(failed.rule()).isEqualTo("pattern");
    assertThat(failed.column()).isEqualTo("email");
    assertThat(failed.message()).startsWith("validity (pattern) of 'email': 1 of 20 rows not matching");
  }

  @Test
  void shouldFailUniquenessOnARepeatedKey() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.get(15)[0] = "o4"));

    assertThat(failed.check()).isEqualTo("uniqueness");
    assertThat(failed.column()).isEqualTo("order_id");
    assertThat(failed.observed()).isEqualTo(1.0);
    assertThat(failed.message()).isEqualTo("uniqueness of 'order_id': 1 of 20 rows repeat a key");
    assertThat(failed.sampleRows()).extracting(DataCheckResult.SampleRow::row).containsExactly(15L);
  }

  @Test
  void shouldFailConsistencyWhenARowBreaksTheRule() {
    DataCheckResult failed = onlyFailure(validate(rows -> rows.get(6)[5] = "999"));

    assertThat(failed.check()).isEqualTo("consistency");
    assertThat(failed.column()).isEqualTo("end,start");
    assertThat(failed.message()).isEqualTo("consistency 'end >= start' over 'end' and 'start': 1 of 20 rows break it");
  }

  @Test
  void shouldFailFreshnessWhenTheNewestValueIsTooOld() {
    DataCheckResult failed =
        onlyFailure(validate(rows -> rows.forEach(r -> r[6] = Long.toString(Long.parseLong(r[6]) - 10 * DAY))));

    assertThat(failed.check()).isEqualTo("freshness");
    assertThat(failed.column()).isEqualTo("ts");
    assertThat(failed.observed()).isEqualTo(11.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(failed.message()).contains("freshness of 'ts'", "11.0 days old", "at most 7 allowed");
  }

  @Test
  void shouldReadIsoTimestampsForFreshness() {
    List<String[]> rows = cleanRows();
    rows.forEach(r -> r[6] = "2026-02-27T12:00:00Z");
    DataValidationSpec spec = new DataValidationSpec(null, null, null, null, null, new Freshness("ts", 1.0));

    DataValidationReport report = new DataValidator(NOW).validate(1L, "abc", new CsvTable(HEADER, rows), spec);

    assertThat(report.checks().get(0).observed()).isEqualTo(1.5);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldFailACheckWhoseColumnTheDataLacks() {
    DataValidationSpec spec = new DataValidationSpec(null, Map.of("churned", 0.0), null, null, null, null);

    DataValidationReport report = new DataValidator(NOW).validate(1L, "abc", new CsvTable(HEADER, cleanRows()), spec);

    assertThat(report.passed()).isFalse();
    assertThat(report.failureMessage()).startsWith("data validation failed: completeness of 'churned': the data has no column 'churned'");
  }
}
