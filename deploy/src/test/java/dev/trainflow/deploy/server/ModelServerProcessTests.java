package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process server a local deploy target starts. */
class ModelServerProcessTests {
  @TempDir Path folder;

  @Test
  void shouldStartAServerProcessAndReturnOnceItAnswers() {
    TrainedModels.Trained model = TrainedModels.multitask();
    Path log = folder.resolve("logs/server.log");
    try (ModelServerProcess server =
        ModelServerProcess.start(
            Map.of("MODEL_PATH", model.exportFolder().toString(), "MODEL_NAME", "shop", "PORT", "0"), log, Duration.ofSeconds(120))) {
      RestClient.Answer answer = new RestClient(server.port()).post("/v1/models/shop:predict", Map.of("instances", model.rows(0, 1)));

      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      assertThat(server.version()).isEqualTo(1);
      assertThat(server.isAlive()).isTrue();
      server.close();
      assertThat(server.isAlive()).isFalse();
    }
    assertThat(log).exists();
  }

  @Test
  void shouldExitWhenItsParentsEndOfThePipeCloses() throws Exception {
    TrainedModels.Trained model = TrainedModels.multitask();
    ProcessBuilder builder =
        new ProcessBuilder(
            ModelServerProcess.command(Path.of(System.getProperty("java.home")), System.getProperty("java.class.path")));
    builder.environment().putAll(Map.of("MODEL_PATH", model.exportFolder().toString(), "PORT", "0"));
    builder.redirectErrorStream(true);
    Process child = builder.start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("model server ready")) {
        // TensorFlow's and the server's start-up lines
      }
      assertThat(line).as("the ready line").isNotNull();
      assertThat(child.isAlive()).isTrue();

      // what happens to the pipe when the api process dies, even by SIGKILL
      child.getOutputStream().close();

      assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the child exited").isTrue();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void shouldKeepTheParentsSecretsOutOfTheChildsEnvironment() {
    assertThat(ModelServerProcess.secretLooking("TRAINFLOW_AUTH_TOKENS_0_SHA256")).isTrue();
    assertThat(ModelServerProcess.secretLooking("DATABASE_PASSWORD")).isTrue();
    assertThat(ModelServerProcess.secretLooking("PIPELINE_WEBHOOK_SECRET")).isTrue();
    assertThat(ModelServerProcess.secretLooking("GOOGLE_APPLICATION_CREDENTIALS")).isTrue();
    assertThat(ModelServerProcess.secretLooking("GITHUB_TOKEN")).isTrue();
    assertThat(ModelServerProcess.secretLooking("MODEL_PATH")).isFalse();
    assertThat(ModelServerProcess.secretLooking("TF_CPU_ALLOCATOR_USE_BFC")).isFalse();
  }

  @Test
  void shouldFailWithTheServersReasonWhenItCannotStart() {
    assertThatThrownBy(
            () -> ModelServerProcess.start(
                Map.of("MODEL_PATH", folder.resolve("nothing-here").toString(), "PORT", "0"), folder.resolve("server.log"),
                Duration.ofSeconds(120)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the model server exited")
        .hasMessageContaining("holds no SavedModel");
  }

  @Test
  void shouldLaunchThroughSpringBootsLauncherFromAnExecutableJar() throws IOException {
    Path bootJar = folder.resolve("api-exec.jar");
    try (OutputStream file = Files.newOutputStream(bootJar); JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("BOOT-INF/"));
      jar.closeEntry();
    }

    assertThat(ModelServerProcess.command(Path.of("/jdk"), bootJar.toString()))
        .containsSequence("-cp", bootJar.toString(), "-Dloader.main=dev.trainflow.deploy.server.ChildModelServerMain",
            "org.springframework.boot.loader.launch.PropertiesLauncher")
        .contains("-XX:+UseSerialGC");
    assertThat(ModelServerProcess.command(Path.of("/jdk"), "/a/classes:/a/lib/x.jar"))
        .endsWith("-cp", "/a/classes:/a/lib/x.jar", "dev.trainflow.deploy.server.ChildModelServerMain")
        .startsWith("/jdk/bin/java");
  }
}
