package dev.trainflow.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every response says that this server checks no credentials. */
@Component
class AuthModeHeaderFilter extends OncePerRequestFilter {
  static final String HEADER = "X-Trainflow-Auth";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HEADER, "off");
    chain.doFilter(request, response);
  }
}
