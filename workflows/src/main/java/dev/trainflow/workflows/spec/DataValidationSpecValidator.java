package dev.trainflow.workflows.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The creation-time checks of a {@link DataValidationSpec}: every number in range, every type,
 * operator and regex valid, and every column one the dataset has when its columns are known.
 */
public final class DataValidationSpecValidator {
  private DataValidationSpecValidator() {}

  /**
   * @param columns the dataset's columns, or null when they are only known once it is read
   */
  public static SpecValidator check(SpecValidator v, String prefix, DataValidationSpec spec, Set<String> columns) {
    if (spec == null) {
      return v;
    }
    if (spec.minRows() != null && spec.minRows() < 0) {
      v.reject(prefix + ".min_rows", "must be 0 or more, got " + spec.minRows());
    }
    if (spec.completeness() != null) {
      spec.completeness()
          .forEach(
              (column, ratio) -> {
                String field = prefix + ".completeness." + column;
                column(v, field, column, columns);
                if (ratio == null || ratio < 0 || ratio > 1 || ratio.isNaN()) {
                  v.reject(field, "the largest missing ratio must be between 0 and 1, got " + ratio);
                }
              });
    }
    List<DataValidationSpec.Validity> validity = spec.validity() == null ? List.of() : spec.validity();
    for (int i = 0; i < validity.size(); i++) {
      validity(v, prefix + ".validity[" + i + "]", validity.get(i), columns);
    }
    List<DataValidationSpec.Uniqueness> uniqueness = spec.uniqueness() == null ? List.of() : spec.uniqueness();
    for (int i = 0; i < uniqueness.size(); i++) {
      String field = prefix + ".uniqueness[" + i + "].columns";
      DataValidationSpec.Uniqueness u = uniqueness.get(i);
      if (u == null || u.columns() == null || u.columns().isEmpty()) {
        v.reject(field, "needs at least one key column");
        continue;
      }
      if (new HashSet<>(u.columns()).size() != u.columns().size()) {
        v.reject(field, "names a column twice: " + u.columns());
      }
      u.columns().forEach(c -> column(v, field, c, columns));
    }
    List<DataValidationSpec.Consistency> consistency = spec.consistency() == null ? List.of() : spec.consistency();
    for (int i = 0; i < consistency.size(); i++) {
      String field = prefix + ".consistency[" + i + "]";
      DataValidationSpec.Consistency c = consistency.get(i);
      if (c == null) {
        v.reject(field, "must not be null");
        continue;
      }
      column(v, field + ".left", c.left(), columns);
      column(v, field + ".right", c.right(), columns);
      if (!DataValidationSpec.Consistency.OPERATORS.contains(c.operator())) {
        v.reject(field + ".operator", "'" + c.operator() + "' is not one of " + String.join(", ", DataValidationSpec.Consistency.OPERATORS));
      }
    }
    DataValidationSpec.Freshness f = spec.freshness();
    if (f != null) {
      column(v, prefix + ".freshness.column", f.column(), columns);
      if (f.maxAgeDays() == null || !(f.maxAgeDays() > 0)) {
        v.reject(prefix + ".freshness.max_age_days", "must be a positive number of days, got " + f.maxAgeDays());
      }
    }
    return v;
  }

  private static void validity(SpecValidator v, String field, DataValidationSpec.Validity rule, Set<String> columns) {
    if (rule == null) {
      v.reject(field, "must not be null");
      return;
    }
    column(v, field + ".column", rule.column(), columns);
    if (rule.type() != null && !FeatureSpec.TYPES.contains(rule.type())) {
      v.reject(field + ".type", "'" + rule.type() + "' is not one of " + String.join(", ", FeatureSpec.TYPES));
    }
    if (rule.min() != null && rule.max() != null && rule.min() > rule.max()) {
      v.reject(field + ".min", "must not exceed max (" + rule.max() + "), got " + rule.min());
    }
    if (rule.allowed() != null && rule.allowed().isEmpty()) {
      v.reject(field + ".allowed", "must list at least one value when given");
    }
    if (rule.pattern() != null) {
      try {
        Pattern.compile(rule.pattern());
      } catch (PatternSyntaxException e) {
        v.reject(field + ".pattern", "is not a valid regular expression: " + e.getDescription());
      }
    }
    if (rule.type() == null && rule.min() == null && rule.max() == null && rule.allowed() == null && rule.pattern() == null) {
      v.reject(field, "needs at least one of type, min, max, allowed, pattern");
    }
  }

  private static void column(SpecValidator v, String field, String column, Set<String> columns) {
    if (column == null || column.isBlank()) {
      v.reject(field, "a column name is required");
    } else if (!SpecValidator.COLUMN.matcher(column).matches()) {
      v.reject(field, "'" + column + "' is not a valid column name");
    } else if (columns != null && !columns.contains(column)) {
      v.reject(field, "the dataset has no column '" + column + "' (columns: " + String.join(", ", columns.stream().sorted().toList()) + ")");
    }
  }
}
