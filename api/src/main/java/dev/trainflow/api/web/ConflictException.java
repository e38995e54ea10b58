package dev.trainflow.api.web;

/** The request is valid but the resource's state forbids it now: answered with 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
