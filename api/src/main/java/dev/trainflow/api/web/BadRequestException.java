package dev.trainflow.api.web;

import dev.trainflow.workflows.spec.FieldError;
import java.util.List;

/** Invalid input: answered with 400 and every field in {@link #errors()}. Nothing was changed. */
public class BadRequestException extends RuntimeException {
  private final List<FieldError> errors;

  public BadRequestException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s): " + errors);
    this.errors = List.copyOf(errors);
  }

  public static BadRequestException of(String field, String message) {
    return new BadRequestException(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
