package dev.trainflow.activities.drift;

/** The reference a drift check asked for cannot be found; {@code field} names the request field at fault. */
public final class NoDriftReferenceException extends RuntimeException {
  private final String field;

  public NoDriftReferenceException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
