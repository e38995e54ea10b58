package dev.trainflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Datasets, feature configs and model configs: bad input is a 400 naming the field. */
class ConfigValidationTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  private ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @Test
  void shouldRejectBadDatasets() {
    assertThat(fields(api.post("/api/datasets", "{\"name\": \"No Caps\", \"source\": {\"type\": \"synthetic\"}}")))
        .containsExactly("name");
    assertThat(fields(api.post("/api/datasets", "{\"name\": \"bad-type\", \"source\": {\"type\": \"parquet\"}}")))
        .containsExactly("source.type");
    assertThat(fields(api.post("/api/datasets", "{\"name\": \"no-source\"}"))).containsExactly("source");
    assertThat(
            fields(
                api.post(
                    "/api/datasets",
                    "{\"name\": \"missing-csv\", \"source\": {\"type\": \"csv\", \"uri\": \"/nowhere/x.csv\", \"columns\": {\"a\": \"string\"}}}")))
        .containsExactly("source.uri");
    assertThat(
            fields(
                api.post("/api/datasets", "{\"name\": \"no-movielens\", \"source\": {\"type\": \"movielens-100k\", \"path\": \"/nowhere\"}}")))
        .contains("source.path");
    assertThat(fields(api.post("/api/datasets", "{\"name\": \"too-small\", \"source\": {\"type\": \"synthetic\", \"customers\": 1}}")))
        .containsExactly("source.customers");
  }

  @Test
  void shouldRefuseADuplicateName() {
    String body = "{\"name\": \"twice-named\", \"source\": {\"type\": \"synthetic\"}}";
    assertThat(api.post("/api/datasets", body).status()).isEqualTo(201);

    ApiClient.Response second = api.post("/api/datasets", body);

    assertThat(second.status()).isEqualTo(409);
    assertThat(fields(second)).containsExactly("name");
  }

  @Test
  void shouldRejectBadFeatureConfigs() {
    ApiClient.Response response =
        api.post(
            "/api/feature-configs",
            """
            {"name": "bad-features", "candidate_id_column": "product id",
             "query_features": [{"column": "city", "type": "string", "transform": "normalize"},
                                {"column": "age", "type": "decimal", "transform": "embedding", "embedding_dim": 0}],
             "candidate_features": []}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response))
        .contains(
            "query_id_column",
            "candidate_id_column",
            "query_features[0].transform",
            "query_features[1].type",
            "query_features[1].embedding_dim",
            "candidate_features");
  }

  @Test
  void shouldRejectBadModelConfigs() {
    ApiClient.Response response =
        api.post(
            "/api/model-configs",
            """
            {"name": "bad-model", "model_type": "clustering", "optimizer": "lbfgs", "learning_rate": -1,
             "query_tower_layers": [64, 0], "candidate_tower_layers": [16]}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response))
        .contains("model_type", "optimizer", "learning_rate", "query_tower_layers[1]");
  }

  @Test
  void shouldAcceptRankingAndMultitaskConfigsAndNameTheirBadFields() {
    ApiClient.Response ranker =
        api.post("/api/model-configs", "{\"name\": \"a-ranker\", \"model_type\": \"ranking\", \"ranking_layers\": [64, 16]}");
    ApiClient.Response bad =
        api.post(
            "/api/model-configs",
            """
            {"name": "bad-multitask", "model_type": "multitask", "ranking_layers": [0], "retrieval_weight": -1,
             "ranking_weight": 2000, "embedding_l2": 2}
            """);

    assertThat(ranker.status()).as(ranker.body().toString()).isEqualTo(201);
    assertThat(ranker.body().get("ranking_layers").toString()).isEqualTo("[64,16]");
    assertThat(fields(bad)).contains("ranking_layers[0]", "retrieval_weight", "ranking_weight", "embedding_l2");
  }

  private static List<String> fields(ApiClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isIn(400, 409);
    List<String> fields = new ArrayList<>();
    for (JsonNode f : response.body().path("fields")) {
      fields.add(f.get("field").asText());
    }
    return fields;
  }
}
