package dev.trainflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The role table: every endpoint the API registers, with the lowest role that may call it, and
 * each caller's answer over HTTP: 401 without a valid token, 403 below that role, neither at or
 * above it. A new endpoint fails {@link #shouldHaveARowForEveryRegisteredEndpoint()} until it gets
 * a row here (and, if it needs more than "viewer reads, operator writes", a rule in AccessRules).
 */
class AccessRulesApiTests extends SecuredApiTest {
  /** Every endpoint → who may call it. */
  static final Map<String, Access> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put("GET /api/datasets", Access.VIEWER);
    TABLE.put("POST /api/datasets", Access.OPERATOR);
    TABLE.put("GET /api/datasets/{id}", Access.VIEWER);
    TABLE.put("POST /api/datasets/{id}/drift", Access.OPERATOR);
    TABLE.put("GET /api/feature-configs", Access.VIEWER);
    TABLE.put("POST /api/feature-configs", Access.OPERATOR);
    TABLE.put("GET /api/feature-configs/{id}", Access.VIEWER);
    TABLE.put("GET /api/model-configs", Access.VIEWER);
    TABLE.put("POST /api/model-configs", Access.OPERATOR);
    TABLE.put("GET /api/model-configs/{id}", Access.VIEWER);
    TABLE.put("GET /api/training-runs", Access.VIEWER);
    TABLE.put("POST /api/training-runs", Access.OPERATOR);
    TABLE.put("GET /api/training-runs/estimate", Access.VIEWER);
    TABLE.put("GET /api/training-runs/{id}", Access.VIEWER);
    TABLE.put("DELETE /api/training-runs/{id}", Access.ADMIN);
    TABLE.put("POST /api/training-runs/{id}/submit", Access.OPERATOR);
    TABLE.put("POST /api/training-runs/{id}/cancel", Access.OPERATOR);
    TABLE.put("POST /api/training-runs/{id}/retry", Access.OPERATOR);
    TABLE.put("POST /api/training-runs/{id}/push-anyway", Access.OPERATOR);
    TABLE.put("POST /api/training-runs/{id}/deploy", Access.OPERATOR);
    TABLE.put("GET /api/endpoints", Access.VIEWER);
    TABLE.put("GET /api/endpoints/{id}", Access.VIEWER);
    TABLE.put("PUT /api/endpoints/{id}/traffic", Access.OPERATOR);
    TABLE.put("POST /api/endpoints/{id}/rollback", Access.OPERATOR);
    TABLE.put("DELETE /api/endpoints/{id}", Access.OPERATOR);
    TABLE.put("GET /api/training-runs/{id}/training-history", Access.VIEWER);
    TABLE.put("GET /api/training-runs/{id}/artifacts", Access.VIEWER);
    TABLE.put("GET /api/training-runs/{id}/errors", Access.VIEWER);
    TABLE.put("GET /api/training-runs/{id}/logs", Access.VIEWER);
    TABLE.put("GET /api/training-runs/{id}/reproduce", Access.VIEWER);
    TABLE.put("POST /api/training-runs/{id}/reproduce", Access.OPERATOR);
    TABLE.put("GET /api/training-runs/{id}/audit", Access.VIEWER);
    TABLE.put("GET /api/training-runs/{id}/data-validation", Access.VIEWER);
    TABLE.put("GET /api/ml-models/{name}", Access.VIEWER);
    TABLE.put("POST /api/ml-models/{name}/clear-block", Access.ADMIN);
    TABLE.put("GET /api/models/{name}", Access.VIEWER);
    TABLE.put("POST /api/models/{name}/versions/{version}/transition", Access.OPERATOR);
    TABLE.put("GET /api/audit-log", Access.ADMIN);
    TABLE.put("POST /api/training-runs/{id}/run-now", Access.OPERATOR);
    TABLE.put("GET /api/training/schedules", Access.VIEWER);
    TABLE.put("POST /api/training/schedules", Access.OPERATOR);
    TABLE.put("GET /api/training/schedules/{id}", Access.VIEWER);
    TABLE.put("POST /api/training/schedules/{id}/pause", Access.OPERATOR);
    TABLE.put("POST /api/training/schedules/{id}/resume", Access.OPERATOR);
    TABLE.put("POST /api/training/schedules/{id}/trigger", Access.OPERATOR);
    TABLE.put("POST /api/training/schedules/{id}/cancel", Access.OPERATOR);
    TABLE.put("POST /api/training/schedules/{id}/backfill", Access.OPERATOR);
    TABLE.put("PUT /api/training/schedules/{id}/schedule", Access.OPERATOR);
    TABLE.put("GET /api/experiments", Access.VIEWER);
    TABLE.put("GET /api/experiments/top-for-training", Access.VIEWER);
    TABLE.put("GET /api/budget", Access.VIEWER);
    TABLE.put("GET /api/pipelines", Access.VIEWER);
    TABLE.put("POST /api/pipelines", Access.OPERATOR);
    TABLE.put("GET /api/pipelines/{id}", Access.VIEWER);
    TABLE.put("POST /api/pipelines/{id}/runs", Access.OPERATOR);
    TABLE.put("GET /api/pipelines/{id}/runs", Access.VIEWER);
    TABLE.put("GET /api/pipeline-runs/{id}", Access.VIEWER);
    TABLE.put("PUT /api/budget", Access.ADMIN);
    TABLE.put("GET /api/tuning-jobs", Access.VIEWER);
    TABLE.put("POST /api/tuning-jobs", Access.OPERATOR);
    TABLE.put("GET /api/tuning-jobs/{id}", Access.VIEWER);
    TABLE.put("POST /api/tuning-jobs/{id}/cancel", Access.OPERATOR);
    TABLE.put("POST /api/tuning-jobs/{id}/promote", Access.OPERATOR);
  }

  /** Actuator endpoints (not in the MVC handler mapping). */
  static final Map<String, Access> ACTUATOR =
      Map.of(
          "GET /actuator/health", Access.PUBLIC,
          "GET /actuator/health/liveness", Access.PUBLIC,
          "GET /actuator/info", Access.VIEWER,
          "GET /actuator/prometheus", Access.VIEWER);

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired AccessRules rules;

  @Test
  void shouldHaveARowForEveryRegisteredEndpoint() {
    Set<String> registered = new TreeSet<>();
    mappings.getHandlerMethods().forEach((RequestMappingInfo info, org.springframework.web.method.HandlerMethod handler) -> {
      if (handler.getBeanType() == BasicErrorController.class) {
        return; // Spring's error page, reached only by error dispatch
      }
      for (var method : info.getMethodsCondition().getMethods()) {
        for (String pattern : info.getPatternValues()) {
          registered.add(method.name() + " " + pattern);
        }
      }
      assertThat(info.getMethodsCondition().getMethods()).as("%s names its HTTP methods", info).isNotEmpty();
    });

    assertThat(new TreeSet<>(TABLE.keySet()))
        .as("the role table (add a row for a new endpoint; remove the row of a removed one)")
        .isEqualTo(registered);
  }

  @Test
  void shouldDecideEachRowByTheRulesInOnePlace() {
    Map<String, Access> all = new LinkedHashMap<>(TABLE);
    all.putAll(ACTUATOR);
    all.forEach((endpoint, expected) -> {
      String[] parts = endpoint.split(" ");
      assertThat(rules.required(HttpMethod.valueOf(parts[0]), concrete(parts[1]))).as(endpoint).isEqualTo(expected);
    });
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("endpointsTimesCallers")
  void shouldAnswerEachCallerByItsRole(String endpoint, String caller, Access needed) {
    String[] parts = endpoint.split(" ");
    String method = parts[0];
    BearerClient client = new BearerClient(port, token(caller));
    BearerClient.Response response =
        client.send(method, concrete(parts[1]), method.equals("POST") ? "{}" : null);

    assertThat(response.header(AuthMode.HEADER)).isEqualTo("on");
    Role role = role(caller);
    if (needed == Access.PUBLIC) {
      assertThat(response.status()).as(endpoint + " as " + caller).isNotIn(401, 403);
    } else if (!authenticated(caller)) {
      assertThat(response.status()).as(endpoint + " as " + caller + ": " + response.body()).isEqualTo(401);
      assertThat(response.body().get("error").asText()).isEqualTo("unauthorized");
    } else if (role == null || !role.includes(needed.role())) {
      assertThat(response.status()).as(endpoint + " as " + caller + ": " + response.body()).isEqualTo(403);
      assertThat(response.body().get("message").asText()).contains("needs role " + needed.role().value());
    } else {
      assertThat(response.status()).as(endpoint + " as " + caller + ": " + response.body()).isNotIn(401, 403);
    }
  }

  static Stream<Arguments> endpointsTimesCallers() {
    Map<String, Access> all = new LinkedHashMap<>(TABLE);
    all.putAll(ACTUATOR);
    List<Arguments> cases = new ArrayList<>();
    for (Map.Entry<String, Access> row : all.entrySet()) {
      for (String caller : List.of("anonymous", "bad-token", "viewer", "operator", "admin", "jwt-operator", "jwt-no-role")) {
        cases.add(Arguments.of(row.getKey(), caller, row.getValue()));
      }
    }
    return cases.stream();
  }

  /** Ids that do not exist: no call of the table changes anything. */
  private static String concrete(String pattern) {
    return pattern.replace("{id}", "999999").replace("{version}", "1").replace("{name}", "no-such-model");
  }

  private static String token(String caller) {
    return switch (caller) {
      case "anonymous" -> null;
      case "bad-token" -> "not-a-configured-token";
      case "viewer" -> VIEWER_TOKEN;
      case "operator" -> OPERATOR_TOKEN;
      case "admin" -> ADMIN_TOKEN;
      case "jwt-operator" -> ISSUER.token("pipeline@example.com", List.of("trainflow-operator", "offline_access"));
      case "jwt-no-role" -> ISSUER.token("someone@example.com", List.of("offline_access"));
      default -> throw new IllegalArgumentException(caller);
    };
  }

  private static boolean authenticated(String caller) {
    return !caller.equals("anonymous") && !caller.equals("bad-token");
  }

  /** The caller's role; null without one (no valid token, or a JWT that names no role). */
  private static Role role(String caller) {
    return switch (caller) {
      case "viewer" -> Role.VIEWER;
      case "operator", "jwt-operator" -> Role.OPERATOR;
      case "admin" -> Role.ADMIN;
      default -> null;
    };
  }
}
