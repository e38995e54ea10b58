package dev.trainflow.worker.tabular;

/** What a tabular model predicts: one of two classes, one of several, or a number. */
public enum TabularTask {
  BINARY,
  MULTICLASS,
  REGRESSION;

  public boolean classification() {
    return this != REGRESSION;
  }
}
