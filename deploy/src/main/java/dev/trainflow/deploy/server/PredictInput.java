package dev.trainflow.deploy.server;

import java.util.Map;

/**
 * A predict request read against its signature: one column per signature input over the request's
 * rows, and the form it came in, which is the form of its answer.
 *
 * @param columnar true for TF Serving's {@code "inputs"} form (answered with {@code "outputs"}),
 *     false for the row form {@code "instances"} (answered with {@code "predictions"})
 */
record PredictInput(ServingSignature signature, Map<String, FeatureColumn> columns, int rows, boolean columnar) {}
