package dev.trainflow.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The standalone server as a deploy target runs it: a child process configured by environment. */
class ModelServerMainTests {
  private static final Pattern READY = Pattern.compile("^model server ready: name=(\\S+) version=(\\d+) port=(\\d+)$");

  @Test
  void shouldPrintTheReadyLineAndAnswerPredictions() throws Exception {
    TrainedModels.Trained model = TrainedModels.multitask();
    Process process =
        start(Map.of("MODEL_PATH", model.exportFolder().toString(), "MODEL_NAME", "shop", "PORT", "0", "MAX_BATCH_SIZE", "32"));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("first stdout line").isNotNull().matches(READY);
      Matcher ready = READY.matcher(line);
      assertThat(ready.matches()).isTrue();
      assertThat(ready.group(1)).isEqualTo("shop");
      assertThat(ready.group(2)).isEqualTo("1");

      RestClient client = new RestClient(Integer.parseInt(ready.group(3)));
      RestClient.Answer answer = client.post("/v1/models/shop:predict", Map.of("instances", model.rows(0, 2)));
      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      assertThat(answer.body().get("predictions").get(1).get("product_ids")).hasSize(100);
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void shouldExitNamingTheBadSettings() throws Exception {
    Process process = start(Map.of("PORT", "http", "MAX_BATCH_SIZE", "0"));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(errors)
        .contains("model server cannot start")
        .contains("MODEL_PATH is required")
        .contains("PORT must be an integer, got 'http'")
        .contains("MAX_BATCH_SIZE must be between 1 and 4096, got 0")
        .doesNotContain("\tat ");
  }

  private static Process start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ModelServerMain.class.getName());
    builder.environment().remove("MODEL_PATH");
    builder.environment().putAll(env);
    builder.environment().put("TF_CPU_ALLOCATOR_USE_BFC", "true");
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    return builder.start();
  }
}
