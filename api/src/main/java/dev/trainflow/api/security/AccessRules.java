package dev.trainflow.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, in one place. The first rule that matches a request's method and path
 * decides; without one, {@code /api/**} needs viewer to read (GET, HEAD) and operator for anything
 * else, and any other path needs viewer. A new endpoint therefore gets "viewer reads, operator
 * writes" without a line here; one that needs more (admin) or less (public) gets a rule below, and
 * {@code AccessRulesApiTests} fails until every registered endpoint is in its table.
 */
public final class AccessRules {
  private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

  private final List<Rule> rules;

  private AccessRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** @param publicMetrics whether Prometheus may scrape without a token ({@code trainflow.auth.public-metrics}) */
  public static AccessRules standard(boolean publicMetrics) {
    List<Rule> rules = new ArrayList<>();
    // health: load balancers and Kubernetes probes carry no token
    rules.add(rule(null, "/actuator/health", Access.PUBLIC));
    rules.add(rule(null, "/actuator/health/**", Access.PUBLIC));
    if (publicMetrics) {
      rules.add(rule(HttpMethod.GET, "/actuator/prometheus", Access.PUBLIC));
    }
    // Spring's error dispatch of a request that already passed (or was refused by) these rules
    rules.add(rule(null, "/error", Access.PUBLIC));
    // admin: destroying, unblocking, budgets, and the whole audit log
    rules.add(rule(HttpMethod.DELETE, "/api/training-runs/{id}", Access.ADMIN));
    rules.add(rule(HttpMethod.POST, "/api/ml-models/{name}/clear-block", Access.ADMIN));
    rules.add(rule(HttpMethod.PUT, "/api/budget", Access.ADMIN));
    rules.add(rule(HttpMethod.GET, "/api/audit-log", Access.ADMIN));
    return new AccessRules(rules);
  }

  public Access required(HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    for (Rule rule : rules) {
      if ((rule.method() == null || rule.method().equals(method)) && rule.pattern().matches(container)) {
        return rule.access();
      }
    }
    if (path.equals("/api") || path.startsWith("/api/")) {
      return READS.contains(method) ? Access.VIEWER : Access.OPERATOR;
    }
    return Access.VIEWER;
  }

  private static Rule rule(HttpMethod method, String pattern, Access access) {
    return new Rule(method, PARSER.parse(pattern), access);
  }

  private record Rule(HttpMethod method, PathPattern pattern, Access access) {}
}
