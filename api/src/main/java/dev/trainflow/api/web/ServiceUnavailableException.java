package dev.trainflow.api.web;

/** A part of the runtime (Temporal, the database) did not answer: answered with 503. */
public class ServiceUnavailableException extends RuntimeException {
  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
