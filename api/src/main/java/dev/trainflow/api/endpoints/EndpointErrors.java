package dev.trainflow.api.endpoints;

import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.deploy.endpoint.EndpointRequestException;
import java.util.function.Supplier;

/** Endpoint failures as API answers: 400, 404, 409, or 503 when the target itself fails. */
public final class EndpointErrors {
  private EndpointErrors() {}

  public static <T> T answer(String field, Supplier<T> call) {
    try {
      return call.get();
    } catch (EndpointRequestException e) {
      throw switch (e.kind()) {
        case INVALID -> BadRequestException.of(field, e.getMessage());
        case NOT_FOUND -> new NotFoundException(e.getMessage());
        case CONFLICT -> new ConflictException(e.getMessage());
      };
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new ServiceUnavailableException("the deploy target failed: " + e.getMessage(), e);
    }
  }
}
