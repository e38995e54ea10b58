package dev.trainflow.activities.persistence;

/** A create that would give a second entity the same unique name. */
public class NameTakenException extends RuntimeException {
  private final String field;

  public NameTakenException(String field, String name) {
    super("'" + name + "' is already taken");
    this.field = field;
  }

  public String field() {
    return field;
  }
}
