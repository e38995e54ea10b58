package dev.trainflow.worker.tabular;

/** A value in the data that cannot be used (not a number, a label the training split lacks). */
public class TabularDataException extends IllegalArgumentException {
  public TabularDataException(String message) {
    super(message);
  }
}
