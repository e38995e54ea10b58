package dev.trainflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Auth on: tokens and JWTs, the error bodies, the audit of callers, CORS, the open endpoints. */
class AuthApiTests extends SecuredApiTest {
  @LocalServerPort int port;

  @Test
  void shouldRefuseMissingAndUnknownTokensWithoutRepeatingThem() {
    BearerClient.Response none = new BearerClient(port, null).get("/api/datasets");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(none.header(AuthMode.HEADER)).isEqualTo("on");
    assertThat(none.body().get("error").asText()).isEqualTo("unauthorized");

    BearerClient.Response unknown = new BearerClient(port, "guessed-token-123").get("/api/datasets");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(unknown.raw().body()).doesNotContain("guessed-token-123");
  }

  @Test
  void shouldVerifyJwtsAgainstTheIssuersKeysExpiryIssuerAndAudience() {
    List<String> operator = List.of("trainflow-operator");
    // an operator's call gets through to validation (400: the body names no field)
    assertThat(postFeatureConfig(ISSUER.token("ci@example.com", operator)).status()).isEqualTo(400);
    assertThat(postFeatureConfig(ISSUER.expiredToken("ci@example.com", operator)).status()).isEqualTo(401);
    assertThat(postFeatureConfig(ISSUER.tokenOfAnotherIssuer("ci@example.com", operator)).status()).isEqualTo(401);
    assertThat(postFeatureConfig(ISSUER.tokenWithUnpublishedKey("ci@example.com", operator)).status()).isEqualTo(401);
    // a viewer's JWT reads but does not write; a role without the configured prefix is no role
    String viewer = ISSUER.token("reader@example.com", List.of("trainflow-viewer"));
    assertThat(new BearerClient(port, viewer).get("/api/datasets").status()).isEqualTo(200);
    assertThat(postFeatureConfig(viewer).status()).isEqualTo(403);
    assertThat(postFeatureConfig(ISSUER.token("ci@example.com", List.of("operator"))).status()).isEqualTo(403);
  }

  @Test
  void shouldNameTheRoleNeededAndTheCallersInA403() {
    BearerClient.Response refused = new BearerClient(port, VIEWER_TOKEN).post("/api/datasets", "{}");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("error").asText()).isEqualTo("forbidden");
    assertThat(refused.body().get("message").asText())
        .isEqualTo("POST /api/datasets needs role operator; viewer-bot has role viewer");
  }

  @Test
  void shouldAuditEveryMutatingCallWithItsCallerRefusedOnesToo() {
    String jwt = ISSUER.token("pipeline@example.com", List.of("trainflow-operator"));
    BearerClient.Response created =
        new BearerClient(port, jwt).post("/api/model-configs",
            "{\"name\": \"audited-model-config\", \"model_type\": \"retrieval\", \"embedding_dim\": 16}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    new BearerClient(port, VIEWER_TOKEN).post("/api/model-configs", "{\"name\": \"not-allowed\", \"model_type\": \"retrieval\"}");
    new BearerClient(port, null).post("/api/training-runs/1/cancel", null);

    assertThat(new BearerClient(port, OPERATOR_TOKEN).get("/api/audit-log").status()).isEqualTo(403);
    JsonNode entries = new BearerClient(port, ADMIN_TOKEN).get("/api/audit-log?event=api_call&size=500").body().get("items");
    JsonNode byJwt = find(entries, "pipeline@example.com", "/api/model-configs");
    assertThat(byJwt.get("actor_role").asText()).isEqualTo("operator");
    assertThat(byJwt.get("http_status").asInt()).isEqualTo(201);
    assertThat(byJwt.at("/details/created_id").asLong()).isEqualTo(created.body().get("id").asLong());
    assertThat(find(entries, "viewer-bot", "/api/model-configs").get("http_status").asInt()).isEqualTo(403);
    JsonNode anonymous = find(entries, "anonymous", "/api/training-runs/1/cancel");
    assertThat(anonymous.get("http_status").asInt()).isEqualTo(401);
    assertThat(anonymous.get("training_run_id").asLong()).isEqualTo(1);
  }

  @Test
  void shouldKeepCorsClosedToOtherOrigins() {
    BearerClient.Response preflight =
        new BearerClient(port, null).send("OPTIONS", "/api/datasets", null,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

    BearerClient.Response read =
        new BearerClient(port, VIEWER_TOKEN).send("GET", "/api/datasets", null, Map.of("Origin", "https://evil.example"));
    assertThat(read.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void shouldLeaveHealthOpenAndAskAViewerTokenForMetrics() {
    BearerClient.Response health = new BearerClient(port, null).get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.header(AuthMode.HEADER)).isEqualTo("on");
    assertThat(new BearerClient(port, null).get("/actuator/prometheus").status()).isEqualTo(401);
    BearerClient.Response metrics = new BearerClient(port, VIEWER_TOKEN).get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().body()).contains("trainflow_training_runs");
  }

  private BearerClient.Response postFeatureConfig(String token) {
    return new BearerClient(port, token).post("/api/feature-configs", "{}");
  }

  private static JsonNode find(JsonNode entries, String actor, String path) {
    for (JsonNode e : entries) {
      if (e.get("actor").asText().equals(actor) && e.get("path").asText().equals(path)) {
        return e;
      }
    }
    throw new AssertionError("no audit entry by " + actor + " for " + path + " in " + entries);
  }
}
