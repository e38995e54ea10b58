package dev.trainflow.api.runs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code GET /api/training-runs/{id}/reproduce} answers: the exact config to run again
 * ({@code request}, a body for {@code POST /api/training-runs}), and what it was run with.
 *
 * @param source {@code audit_log}: frozen when the run ended (survives the run's deletion); {@code
 *     run}: the run has not ended, this is its stored config with defaults filled
 * @param dataset the dataset version and each split's checksum the original trained on
 * @param reproductions the runs that reproduce this one, with their verdicts
 */
record ReproductionView(
    long runId,
    String source,
    String status,
    String gitCommit,
    String imageDigest,
    String configSha256,
    String reproducibleConfigSha256,
    JsonNode dataset,
    JsonNode request,
    JsonNode reproductions,
    Long reproducesRunId,
    JsonNode reproductionResult) {}
