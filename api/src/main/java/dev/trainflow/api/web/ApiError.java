package dev.trainflow.api.web;

import dev.trainflow.workflows.spec.FieldError;
import java.util.List;

/**
 * Every error body: a stable code, a sentence for people, and for a 400 every offending field.
 * Never a stack trace.
 */
public record ApiError(String error, String message, List<FieldError> fields) {
  public static ApiError of(String error, String message) {
    return new ApiError(error, message, null);
  }
}
