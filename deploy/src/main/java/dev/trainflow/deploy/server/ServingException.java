package dev.trainflow.deploy.server;

/**
 * A request the server answers with an error body, {@code {"error": "..."}}, as TensorFlow Serving
 * does: 400 for a bad request (a missing or mistyped feature, named), 404 for an unknown model or
 * version, 500 when the model fails.
 */
final class ServingException extends RuntimeException {
  private final int status;

  ServingException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ServingException badRequest(String message) {
    return new ServingException(400, message);
  }

  static ServingException notFound(String message) {
    return new ServingException(404, message);
  }

  int status() {
    return status;
  }
}
