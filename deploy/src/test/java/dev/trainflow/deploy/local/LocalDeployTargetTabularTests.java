package dev.trainflow.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.deploy.endpoint.EndpointSnapshot;
import dev.trainflow.deploy.endpoint.RevisionSpec;
import dev.trainflow.worker.tabular.TabularFit;
import dev.trainflow.worker.tabular.TabularFixtures;
import dev.trainflow.worker.tabular.TabularPrediction;
import dev.trainflow.worker.tabular.XGBoostTrainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tabular run's model deploys like a retrieval model's: the training activity's {@code modelUri}
 * (the bundle folder) goes to the local target unchanged, which starts a model-server child process
 * behind the endpoint's router, and the endpoint answers what the model answers in process.
 */
class LocalDeployTargetTabularTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  @Test
  void shouldDeployATabularBundleAndAnswerThroughTheEndpoint() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(root.resolve("artifacts"));
    TabularFit fit = TabularFixtures.fit(new XGBoostTrainer(), TabularFixtures.BINARY);
    String modelUri = fit.bundle().writeTo(store, "runs/12/model");
    List<String[]> rows = TabularFixtures.TEST.rows().subList(0, 3);

    try (LocalDeployTarget target =
        new LocalDeployTarget(store, new LocalTargetSettings(root.resolve("work"), "127.0.0.1", Duration.ofSeconds(120)))) {
      EndpointSnapshot snapshot = target.deploy("churn", new RevisionSpec("run-12", 12, "churn", 1, modelUri), 100);
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(snapshot.url() + "/v1/models/churn:predict"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("instances", TabularFixtures.instances(rows, fit)))))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-Trainflow-Revision")).hasValue("run-12");
      JsonNode predictions = JSON.readTree(response.body()).get("predictions");
      TabularPrediction expected = TabularFixtures.inProcess(fit, rows);
      assertThat(predictions).hasSize(3);
      for (int row = 0; row < 3; row++) {
        JsonNode probabilities = predictions.get(row).get("probabilities");
        assertThat(new double[] {probabilities.get(0).doubleValue(), probabilities.get(1).doubleValue()})
            .containsExactly(expected.probabilities()[row]);
        assertThat(predictions.get(row).get("predicted_class").asText()).isEqualTo(expected.predictedClass(row));
      }
    }
  }
}
