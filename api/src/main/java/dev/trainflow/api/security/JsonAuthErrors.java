package dev.trainflow.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainflow.api.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.util.UrlPathHelper;

/**
 * 401 and 403 in the API's error shape. A 403 names the role the endpoint needs and the one the
 * caller has; neither ever repeats the token.
 */
final class JsonAuthErrors implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final ObjectMapper json;
  private final AccessRules rules;

  JsonAuthErrors(ObjectMapper json, AccessRules rules) {
    this.json = json;
    this.rules = rules;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean presented = request.getHeader("Authorization") != null;
    response.setHeader(
        "WWW-Authenticate", presented ? "Bearer error=\"invalid_token\"" : "Bearer");
    write(response, HttpServletResponse.SC_UNAUTHORIZED, ApiError.of(
        "unauthorized",
        presented
            ? "the bearer token is not valid (unknown, expired, or not signed by the configured issuer)"
            : "this endpoint needs a bearer token: Authorization: Bearer <token>"));
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    Access needed = rules.required(HttpMethod.valueOf(request.getMethod()), path);
    Caller caller = Caller.current();
    String message =
        request.getMethod() + " " + path + " needs role " + (needed.role() == null ? "none" : needed.role().value())
            + "; " + caller.name() + " has " + (caller.role() == null ? "no role" : "role " + caller.role().value());
    write(response, HttpServletResponse.SC_FORBIDDEN, ApiError.of("forbidden", message));
  }

  private void write(HttpServletResponse response, int status, ApiError error) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), error);
  }
}
