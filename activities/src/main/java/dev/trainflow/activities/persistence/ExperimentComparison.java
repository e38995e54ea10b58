package dev.trainflow.activities.persistence;

/**
 * How a training run's test result compares with the experiment it started from, on the run's
 * blessing metric: {@code delta = value - experimentValue}; {@code better} accounts for metrics
 * where lower is better (RMSE, MAE).
 */
public record ExperimentComparison(
    long experimentId,
    String experimentName,
    String metric,
    Double experimentValue,
    double value,
    Double delta,
    Boolean better) {}
