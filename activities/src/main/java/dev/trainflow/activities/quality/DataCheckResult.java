package dev.trainflow.activities.quality;

import java.util.List;
import java.util.Map;

/**
 * One data-quality check's outcome.
 *
 * @param check {@code min_rows}, {@code completeness}, {@code validity}, {@code uniqueness},
 *     {@code consistency} or {@code freshness}
 * @param rule the part of the check: for validity {@code type}, {@code range}, {@code allowed},
 *     {@code pattern}; else the check's name
 * @param column the column (or columns, comma-separated) it looked at; null for min_rows
 * @param observed what the data showed: a ratio, a count of offending rows, an age in days; null
 *     when the column is missing or holds no readable value
 * @param threshold the most the check allows (or, for min_rows, the least)
 * @param sampleRows up to five offending rows, with their position in the checked table
 */
public record DataCheckResult(
    String check,
    String rule,
    String column,
    boolean passed,
    Double observed,
    double threshold,
    String message,
    List<SampleRow> sampleRows) {

  public record SampleRow(long row, Map<String, String> values) {}
}
