package dev.trainflow.api.web;

/** A path names something that does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String what, Object id) {
    super(what + " " + id + " does not exist");
  }

  public NotFoundException(String message) {
    super(message);
  }
}
