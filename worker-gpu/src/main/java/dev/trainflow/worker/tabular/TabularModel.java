package dev.trainflow.worker.tabular;

/** A fitted tabular model over encoded rows. */
public interface TabularModel {
  /** Class probabilities, one row per example, one column per class (classification only). */
  double[][] predictProbabilities(double[][] x);

  /** Predicted values (regression only). */
  double[] predictValues(double[][] x);

  /** Total split gain per encoded feature (impurity decrease for forests), unnormalized. */
  double[] gainImportance();

  /** The model as its library saves it (XGBoost UBJSON, Smile Java serialization, LightGBM text). */
  byte[] toBytes();

  /** Frees native memory now rather than at garbage collection (XGBoost's booster); the model is unusable after. */
  default void close() {}
}
