package dev.trainflow.activities.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The types a dataset column can have. Cells travel as strings in CSV; a type says which strings
 * are valid. An empty cell is a missing value and valid for every type.
 */
public enum ColumnType {
  STRING,
  INT,
  FLOAT,
  /** Epoch seconds, written as an integer. */
  TIMESTAMP;

  // Stricter than Double.parseDouble, which also takes "1f", "0x1p3" and surrounding blanks: a
  // cell that only Java would read as a number is a data error, not a number. NaN and Infinity
  // parse so that the Schema stage can name them instead of a vague parse error.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

  /** The name used in configs and {@code ColumnSpec}: {@code string}, {@code int}, ... */
  public String typeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isNumeric() {
    return this != STRING;
  }

  /** Whether {@code cell} is a value of this type; an empty cell (missing) always is. */
  public boolean accepts(String cell) {
    if (cell == null || cell.isEmpty()) {
      return true;
    }
    return switch (this) {
      case STRING -> true;
      case INT, TIMESTAMP -> INTEGER.matcher(cell).matches();
      case FLOAT -> DECIMAL.matcher(cell).matches();
    };
  }

  /**
   * The canonical form of {@code cell} as this type, or null when it is not one. Timestamps also
   * come as ISO-8601 (an instant, a date-time with offset, a UTC date-time or a date at UTC
   * midnight) and become epoch seconds, so every later stage sees one form.
   */
  public String canonical(String cell) {
    if (accepts(cell)) {
      return cell;
    }
    if (this != TIMESTAMP) {
      return null;
    }
    try {
      return Long.toString(parseIsoTimestamp(cell.trim()).getEpochSecond());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant parseIsoTimestamp(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }

  public static ColumnType of(String typeName) {
    return Arrays.stream(values())
        .filter(t -> t.typeName().equals(typeName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown column type '" + typeName + "'; one of string, int, float, timestamp"));
  }
}
