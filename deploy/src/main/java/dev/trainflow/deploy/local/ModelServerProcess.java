package dev.trainflow.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One model server serving one revision, as a child process on a free loopback port. */
final class ModelServerProcess implements AutoCloseable {
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

  private final String revisionId;
  private final Process process;
  private final int port;
  private final Path log;

  private ModelServerProcess(String revisionId, Process process, int port, Path log) {
    this.revisionId = revisionId;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a server for the model in {@code modelDir} under {@code modelName} and waits until it
   * answers for the model; fails with the tail of its log when it exits or stays silent past
   * {@code startTimeout}.
   */
  static ModelServerProcess start(
      String revisionId, Path modelDir, String modelName, Path log, LocalTargetSettings settings) {
    int port = freePort();
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(ModelServerCommand.build(settings.jvmOptions()));
      Map<String, String> env = builder.environment();
      env.put("MODEL_PATH", modelDir.toString());
      env.put("MODEL_NAME", modelName);
      env.put("PORT", Integer.toString(port));
      env.put("TF_CPU_ALLOCATOR_USE_BFC", "true");
      env.putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
      // the child gets none of the api's secrets
      env.keySet().removeIf(k -> k.startsWith("TRAINFLOW_") || k.contains("TOKEN") || k.contains("PASSWORD"));
      builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process process = builder.start();
      ModelServerProcess server = new ModelServerProcess(revisionId, process, port, log);
      server.awaitReady(modelName, settings.startTimeout());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the model server for " + revisionId + ": " + e.getMessage(), e);
    }
  }

  String revisionId() {
    return revisionId;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(String modelName, Duration timeout) {
    URI status = URI.create(url() + "/v1/models/" + modelName);
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the model server for " + revisionId + " exited with code " + process.exitValue() + ": " + logTail());
      }
      try {
        HttpResponse<Void> response =
            PROBE.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the model server for " + revisionId + " started");
      }
      sleep(Duration.ofMillis(100));
    }
    close();
    throw new IllegalStateException(
        "the model server for " + revisionId + " did not answer within " + timeout.toSeconds() + " s: " + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
