package dev.trainflow.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainflow.activities.audit.AuditEvent;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.api.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * Appends every mutating API call (anything but GET, HEAD and OPTIONS under {@code /api}) to the
 * audit log once it is answered: the caller and its role, method, path, status, and the run it
 * concerns; refused calls (401, 403) included. Never the body or the query string, which may carry
 * what should not be kept. Runs inside Spring Security's chain, after the caller is known.
 */
public final class ApiAuditFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(ApiAuditFilter.class);
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern RUN_PATH = Pattern.compile("^/api/training-runs/(\\d+)(/.*)?$");
  private static final int MAX_BODY_READ = 64 * 1024;

  private final AuditLogRepository audit;
  private final ObjectMapper json;
  private final boolean authEnforced;

  public ApiAuditFilter(AuditLogRepository audit, ObjectMapper json, boolean authEnforced) {
    this.audit = audit;
    this.json = json;
    this.authEnforced = authEnforced;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    return READS.contains(request.getMethod()) || !(path.equals("/api") || path.startsWith("/api/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapped);
    } finally {
      // read who called before Spring Security clears its context, after the answer is decided
      record(request, wrapped);
      wrapped.copyBodyToResponse();
    }
  }

  private void record(HttpServletRequest request, ContentCachingResponseWrapper response) {
    String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    Caller caller = authEnforced ? Caller.current() : new Caller(Caller.UNCHECKED, null);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("remote_address", request.getRemoteAddr());
    Long runId = null;
    Matcher run = RUN_PATH.matcher(path);
    if (run.matches()) {
      runId = Long.parseLong(run.group(1));
    }
    Long created = createdId(response);
    if (created != null) {
      details.put("created_id", created);
      if (path.equals("/api/training-runs")) {
        runId = created;
      }
    }
    try {
      audit.append(AuditEvent.apiCall(caller.name(), caller.roleValue(), request.getMethod(), path, response.getStatus(), runId, details));
    } catch (RuntimeException e) {
      // the call is done and cannot be undone: say loudly that its record is missing
      log.error("audit record LOST for {} {} by {} ({}): {}", request.getMethod(), path, caller.name(),
          response.getStatus(), e.getMessage());
    }
  }

  /** The id of what a 201 created, from the response body's top-level {@code id}. */
  private Long createdId(ContentCachingResponseWrapper response) {
    if (response.getStatus() != HttpServletResponse.SC_CREATED) {
      return null;
    }
    byte[] body = response.getContentAsByteArray();
    if (body.length == 0 || body.length > MAX_BODY_READ) {
      return null;
    }
    try {
      JsonNode id = json.readTree(body).path("id");
      return id.canConvertToLong() ? id.asLong() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
