package dev.trainflow.worker.tabular;

/** A prediction request a tabular model cannot read: a missing or mistyped feature, named. */
public final class TabularInputException extends IllegalArgumentException {
  public TabularInputException(String message) {
    super(message);
  }
}
