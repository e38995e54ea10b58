package dev.trainflow.workflows.spec;

import java.util.List;
import java.util.Map;

/**
 * A dataset's data-quality gate (the churn seed's checks), run before training by the Schema stage
 * over the rows the run trains on. Any failed check fails the run with {@code data_validation}.
 *
 * @param minRows the fewest rows the dataset may have
 * @param completeness column → the largest ratio of missing (empty) cells allowed, 0..1
 * @param validity per-column value rules
 * @param uniqueness keys (one or more columns together) whose values no two rows may share
 * @param consistency row-level comparisons of two columns, e.g. {@code end >= start}
 * @param freshness how recent the newest timestamp must be
 */
public record DataValidationSpec(
    Long minRows,
    Map<String, Double> completeness,
    List<Validity> validity,
    List<Uniqueness> uniqueness,
    List<Consistency> consistency,
    Freshness freshness) {

  /**
   * Values of {@code column}: of {@code type}, within [{@code min}, {@code max}], one of {@code
   * allowed}, matching {@code pattern} (whole value); each part optional. Missing cells are the
   * completeness check's business, not this one's.
   */
  public record Validity(
      String column, String type, Double min, Double max, List<String> allowed, String pattern) {}

  public record Uniqueness(List<String> columns) {}

  /** {@code left operator right}, compared as numbers when both cells are numbers, else as text. */
  public record Consistency(String left, String operator, String right) {
    public static final List<String> OPERATORS = List.of("<", "<=", ">", ">=", "==", "!=");

    public String describe() {
      return left + " " + operator + " " + right;
    }
  }

  /** The newest value of {@code column} (epoch seconds or ISO-8601) is at most {@code maxAgeDays} old. */
  public record Freshness(String column, Double maxAgeDays) {}
}
