package dev.trainflow.workflows.activities;

import java.util.List;

/** Statistics of one column over the training split. Numeric fields are null for strings. */
public record FeatureStatistics(
    String column,
    String type,
    long count,
    long missing,
    long distinct,
    Double min,
    Double max,
    Double mean,
    Double stddev,
    List<ValueCount> topValues) {}
