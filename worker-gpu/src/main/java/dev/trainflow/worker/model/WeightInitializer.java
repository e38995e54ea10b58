package dev.trainflow.worker.model;

/** How a variable starts: Keras's defaults for embeddings and dense kernels, or a constant. */
public enum WeightInitializer {
  /** Uniform in [-0.05, 0.05], Keras's default for embedding tables. */
  EMBEDDING_UNIFORM,
  /** Glorot (Xavier) uniform, Keras's default for dense kernels. */
  GLOROT_UNIFORM,
  /** Every element equals the spec's constant: biases, optimizer accumulators. */
  CONSTANT
}
