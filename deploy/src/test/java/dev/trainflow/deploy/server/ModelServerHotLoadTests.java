package dev.trainflow.deploy.server;

import static dev.trainflow.deploy.server.ModelServerTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TF Serving's folder layout: a base folder of numbered versions. The server serves the highest,
 * and when a higher one appears it loads it and swaps it in while requests keep being answered.
 */
class ModelServerHotLoadTests {
  private static final String PREDICT = "/v1/models/recommender:predict";

  @TempDir Path base;

  @Test
  void shouldServeTheHighestVersionAndHotLoadANewOne() throws Exception {
    TrainedModels.Trained model = TrainedModels.multitask();
    copy(model.exportFolder(), base.resolve("3"));
    copy(model.exportFolder().resolve("saved_model"), base.resolve("1"));
    Files.createDirectories(base.resolve("not-a-version"));

    try (ModelServer server = ModelServer.start(ModelServerTests.settings(base, "recommender", Duration.ofMillis(200)))) {
      RestClient client = new RestClient(server.port());
      assertThat(server.version()).isEqualTo(3);
      Map<String, Object> body = Map.of("instances", model.rows(0, 2));
      assertThat(client.post("/v1/models/recommender/versions/3:predict", body).status()).isEqualTo(200);

      AtomicBoolean running = new AtomicBoolean(true);
      List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread load =
          new Thread(
              () -> {
                while (running.get()) {
                  statuses.add(client.post(PREDICT, body).status());
                }
              });
      load.start();
      // a version appears as TF Serving expects it: copied aside, then renamed into place
      copy(model.exportFolder(), base.resolve(".incoming-7"));
      Files.move(base.resolve(".incoming-7"), base.resolve("7"), StandardCopyOption.ATOMIC_MOVE);
      long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!client.get("/v1/models/recommender").body().get("model_version_status").get(0).get("version").asText().equals("7")
          && System.nanoTime() < waitUntil) {
        Thread.sleep(50);
      }
      Thread.sleep(300);
      running.set(false);
      load.join();

      assertThat(server.version()).isEqualTo(7);
      assertThat(statuses).isNotEmpty().containsOnly(200);
      RestClient.Answer pinned = client.post("/v1/models/recommender/versions/7:predict", body);
      assertThat(pinned.status()).isEqualTo(200);
      assertThat(pinned.body().get("predictions")).hasSize(2);
      assertError(client.post("/v1/models/recommender/versions/3:predict", body), 404, "Specific(recommender, 3)");
    }
  }

  @Test
  void shouldKeepServingWhenANewVersionCannotBeLoaded() throws Exception {
    TrainedModels.Trained model = TrainedModels.multitask();
    copy(model.exportFolder(), base.resolve("1"));

    try (ModelServer server = ModelServer.start(ModelServerTests.settings(base, "recommender", Duration.ZERO))) {
      Files.createDirectories(base.resolve("2"));
      Files.writeString(base.resolve("2/saved_model.pb"), "not a SavedModel");
      server.pollForNewVersion();

      assertThat(server.version()).isEqualTo(1);
      RestClient client = new RestClient(server.port());
      assertThat(client.post(PREDICT, Map.of("instances", model.rows(0, 1))).status()).isEqualTo(200);
    }
  }

  @Test
  void shouldRefuseToStartWithoutAModel() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ModelServer.start(ModelServerTests.settings(base, "recommender", Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MODEL_PATH " + base + " holds no SavedModel");
  }

  @Test
  void shouldFailNamingThePortWhenItIsTaken() throws Exception {
    TrainedModels.Trained model = TrainedModels.multitask();
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      ModelServerSettings settings = ModelServerTests.settings(model.exportFolder(), "recommender", Duration.ZERO).withPort(taken.getLocalPort());

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelServer.start(settings))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("cannot listen on port " + taken.getLocalPort());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
