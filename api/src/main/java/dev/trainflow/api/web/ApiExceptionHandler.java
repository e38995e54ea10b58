package dev.trainflow.api.web;

import dev.trainflow.activities.persistence.NameTakenException;
import dev.trainflow.workflows.spec.FieldError;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into an {@link ApiError}; clients never see a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ApiError> badRequest(BadRequestException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError("invalid_request", "the request has " + e.errors().size() + " invalid field(s)", e.errors()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError("invalid_request", "the request body is not valid JSON", List.of(new FieldError("body", "a JSON object is required"))));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName().toLowerCase();
    return ResponseEntity.badRequest()
        .body(
            new ApiError(
                "invalid_request",
                "the request has 1 invalid field(s)",
                List.of(new FieldError(e.getName(), "'" + e.getValue() + "' is not a valid " + expected))));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError("invalid_request", "a parameter is missing", List.of(new FieldError(e.getParameterName(), "is required"))));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ApiError> notFound(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", e.getMessage()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", "no such endpoint: /" + e.getResourcePath()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(ApiError.of("method_not_allowed", e.getMessage()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(ApiError.of("unsupported_media_type", "send application/json"));
  }

  @ExceptionHandler(NameTakenException.class)
  ResponseEntity<ApiError> nameTaken(NameTakenException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(new ApiError("conflict", e.getMessage(), List.of(new FieldError(e.field(), e.getMessage()))));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ApiError> conflict(ConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("conflict", e.getMessage()));
  }

  @ExceptionHandler(ServiceUnavailableException.class)
  ResponseEntity<ApiError> unavailable(ServiceUnavailableException e) {
    log.error("{}", e.getMessage(), e);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of("unavailable", e.getMessage()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    String reference = UUID.randomUUID().toString();
    log.error("unexpected error, reference {}", reference, e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ApiError.of("internal_error", "unexpected server error; reference " + reference + " in the server log"));
  }
}
