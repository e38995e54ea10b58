package dev.trainflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A full run with auth on, driven by a hashed token and a JWT, with refused calls and Spring
 * Security's debug logging on: no log line of the process, no line of the run's stage logs and no
 * audit record contains a token, a JWT or the configured database password. And every line the
 * run's activities log carries its run id, workflow id, stage and attempt.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedApiTests extends SecuredApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void shouldNeverLogASecretDuringAFullRun(CapturedOutput output) throws Exception {
    String jwt = ISSUER.token("pipeline@example.com", List.of("trainflow-operator"));
    BearerClient operator = new BearerClient(port, OPERATOR_TOKEN);
    BearerClient pipeline = new BearerClient(port, jwt);
    long dataset = id(operator.post("/api/datasets",
        "{\"name\": \"secret-scan-data\", \"source\": {\"type\": \"synthetic\", \"customers\": 300, \"products\": 100, \"interactions\": 8000}}"));
    long features = id(pipeline.post("/api/feature-configs",
        """
        {"name": "secret-scan-features", "query_id_column": "customer_id", "candidate_id_column": "product_id",
         "query_features": [{"column": "customer_id", "type": "string", "transform": "embedding"}],
         "candidate_features": [{"column": "product_id", "type": "string", "transform": "embedding"}]}
        """));
    long model = id(operator.post("/api/model-configs", "{\"name\": \"secret-scan-model\", \"model_type\": \"retrieval\", \"embedding_dim\": 16}"));
    long run = id(pipeline.post("/api/training-runs",
        """
        {"name": "secret-scan", "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"epochs": 2, "batch_size": 512}, "evaluator_config": {"blessing_threshold": 0.0}}
        """.formatted(dataset, features, model)));
    // refused calls log too: a viewer writing, a wrong token, an expired JWT
    new BearerClient(port, VIEWER_TOKEN).post("/api/training-runs/" + run + "/cancel", null);
    new BearerClient(port, OPERATOR_TOKEN + "x").get("/api/training-runs/" + run);
    new BearerClient(port, ISSUER.expiredToken("pipeline@example.com", List.of("trainflow-operator"))).get("/api/datasets");
    JsonNode ended = awaitEnd(new BearerClient(port, VIEWER_TOKEN), run);
    assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("completed");

    BearerClient admin = new BearerClient(port, ADMIN_TOKEN);
    String stageLogs = awaitStageLogs(admin, run);
    String audit = admin.get("/api/training-runs/" + run + "/audit").raw().body() + admin.get("/api/audit-log?size=500").raw().body();
    List<String> secrets = List.of(VIEWER_TOKEN, OPERATOR_TOKEN, ADMIN_TOKEN, jwt, DATABASE_PASSWORD,
        // a JWT's signature alone is a secret's tail
        jwt.substring(jwt.lastIndexOf('.') + 1));
    String console = output.getAll();
    assertThat(console.lines().count()).as("lines captured").isGreaterThan(50);
    for (String secret : secrets) {
      assertThat(console).as("process output").doesNotContain(secret);
      assertThat(stageLogs).as("stage logs").doesNotContain(secret);
      assertThat(audit).as("audit log").doesNotContain(secret);
    }
    assertThat(audit).contains("pipeline@example.com").contains("operator-bot");

    // every line a run activity logged carries the run's context
    List<JsonNode> runLines = new ArrayList<>();
    for (String line : console.lines().toList()) {
      if (line.startsWith("{") && line.contains("\"training-run-" + run + "\"")) {
        JsonNode json = JSON.readTree(line);
        if (json.has("ActivityType")) {
          runLines.add(json);
        }
      }
    }
    assertThat(runLines).as("activity lines of run %d", run).hasSizeGreaterThan(10);
    for (JsonNode line : runLines) {
      assertThat(line.path("run_id").asText()).as(line.toString()).isEqualTo(Long.toString(run));
      assertThat(line.path("workflow_id").asText()).isEqualTo("training-run-" + run);
      assertThat(line.path("stage").asText()).as(line.toString()).isNotBlank();
      assertThat(line.path("attempt").asText()).as(line.toString()).isNotBlank();
    }
    assertThat(runLines).anySatisfy(l -> assertThat(l.get("stage").asText()).isEqualTo("train"));
  }

  private static String awaitStageLogs(BearerClient client, long run) throws InterruptedException {
    String body = "";
    for (int i = 0; i < 50; i++) {
      body = client.get("/api/training-runs/" + run + "/logs").raw().body();
      if (body.contains("stage deploy attempt 1 finished")) {
        return body;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("stage logs incomplete: " + body);
  }

  private static long id(BearerClient.Response created) {
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  private static JsonNode awaitEnd(BearerClient client, long run) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode body = client.get("/api/training-runs/" + run).body();
      String status = body.get("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")) {
        return body;
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
    throw new AssertionError("run " + run + " did not end");
  }
}
