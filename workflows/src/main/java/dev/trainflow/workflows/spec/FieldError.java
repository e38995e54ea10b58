package dev.trainflow.workflows.spec;

/** One invalid field of a request or a run config: its JSON path and what was expected. */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
