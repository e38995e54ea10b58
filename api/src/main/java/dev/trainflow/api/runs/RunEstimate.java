package dev.trainflow.api.runs;

/**
 * What a run is expected to take and cost, as ranges: the low end at the fastest throughput
 * seen (or assumed), the high end at the slowest.
 *
 * @param throughputSource {@code history} (recent completed runs on the same kind of device) or
 *     {@code assumed} (no history yet)
 */
record RunEstimate(
    long datasetRows,
    long trainRows,
    int epochs,
    Range throughputExamplesPerSecond,
    String throughputSource,
    Range durationSeconds,
    double pricePerHourUsd,
    Range costUsd) {

  record Range(double low, double high) {}
}
