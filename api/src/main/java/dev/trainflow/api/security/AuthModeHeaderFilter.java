package dev.trainflow.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every response says whether this server checks tokens ({@code X-Trainflow-Auth: on} or {@code
 * off}). Ordered before Spring Security's filters, so a 401 or 403 carries it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthModeHeaderFilter extends OncePerRequestFilter {
  private final AuthMode mode;

  AuthModeHeaderFilter(AuthMode mode) {
    this.mode = mode;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(AuthMode.HEADER, mode.headerValue());
    chain.doFilter(request, response);
  }
}
