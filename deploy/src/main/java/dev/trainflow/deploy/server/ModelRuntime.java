package dev.trainflow.deploy.server;

import java.util.Map;

/**
 * What a loaded model version computes with: a SavedModel's TensorFlow session, or a tabular
 * model's encoder and tree library. Both offer signatures of named input columns and named
 * outputs, so reading requests, batching and writing answers are the same for both.
 */
interface ModelRuntime {
  /** The signatures this server can serve, by key. */
  Map<String, ServingSignature> signatures();

  /** Runs one signature on columns of equal length (one per input) and returns every output. */
  Map<String, OutputTensor> run(ServingSignature signature, Map<String, FeatureColumn> columns);

  /** Frees the model; called once, after the last request on it. */
  void close();
}
