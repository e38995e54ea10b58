package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The synthetic churn source over REST: created with its rows and seed, bad sizes refused by field. */
class ChurnDatasetApiTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  @Test
  void shouldCreateAChurnDatasetWithRowsAndSeed() {
    ApiClient api = new ApiClient(port);
    String name = ApiFixtures.unique("churn");

    ApiClient.Response created =
        api.post("/api/datasets", """
            {"name": "%s", "source": {"type": "synthetic_churn", "rows": 2000, "seed": 3}}
            """.formatted(name));

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode source = api.get("/api/datasets/" + created.body().get("id").asLong()).body().get("source");
    assertThat(source.get("type").asText()).isEqualTo("synthetic_churn");
    assertThat(source.get("rows").asInt()).isEqualTo(2000);
    assertThat(source.get("seed").asLong()).isEqualTo(3);
  }

  @Test
  void shouldRefuseATooSmallChurnDatasetNamingRows() {
    ApiClient api = new ApiClient(port);
    String name = ApiFixtures.unique("tiny-churn");

    ApiClient.Response refused =
        api.post("/api/datasets", """
            {"name": "%s", "source": {"type": "synthetic_churn", "rows": 5}}
            """.formatted(name));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("fields").get(0).get("field").asText()).isEqualTo("source.rows");
    assertThat(refused.body().get("fields").get(0).get("message").asText()).contains("got 5");
  }
}
