package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ranking model's serving_default answers one predicted rating per instance, as a bare value. */
class RankingModelServerTests {

  @Test
  void shouldAnswerPredictionsOfARankingModel() {
    TrainedModels.Trained model = TrainedModels.ranking();
    List<Map<String, Object>> rows = model.rows(0, 6);

    try (ModelServer server = ModelServer.start(ModelServerTests.settings(model.exportFolder(), "ranker", Duration.ZERO))) {
      RestClient client = new RestClient(server.port());
      RestClient.Answer answer = client.post("/v1/models/ranker:predict", Map.of("instances", rows));
      RestClient.Answer metadata = client.get("/v1/models/ranker/metadata");

      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      JsonNode predictions = answer.body().get("predictions");
      List<Object> expected = DirectCall.call(model.exportFolder(), "serving_default", rows).get("predictions");
      assertThat(predictions).hasSize(6);
      for (int row = 0; row < 6; row++) {
        assertThat(predictions.get(row).isNumber()).isTrue();
        assertThat(predictions.get(row).floatValue()).isCloseTo((Float) expected.get(row), within(1e-4f));
        assertThat(predictions.get(row).floatValue()).isBetween(-1f, 7f);
      }
      JsonNode inputs = metadata.body().get("metadata").get("signature_def").get("signature_def").get("serving_default").get("inputs");
      assertThat(ModelServerTests.fieldNames(inputs)).contains("customer_id", "product_id", "price");
    }
  }
}
