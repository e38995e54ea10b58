package dev.trainflow.api.runs;

/**
 * The optional body of {@code POST /api/training-runs/{id}/reproduce}.
 *
 * @param name the reproduction run's name; default the original's with {@code -repro}
 * @param tolerance the largest absolute difference per model metric that still counts as
 *     reproduced; default {@code trainflow.reproduction.tolerance}
 */
record ReproduceRequest(String name, Double tolerance) {}
