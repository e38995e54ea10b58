package dev.trainflow.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on the embedded default, on random ports and a fresh data folder. Every test
 * class extending this shares one application context, so it boots once per test run.
 */
@SpringBootTest(classes = TrainflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EmbeddedApiTest {
  private static final Path DATA_DIR = tempDir();
  private static final int TEMPORAL_PORT = freePort();

  @DynamicPropertySource
  static void embeddedRuntime(DynamicPropertyRegistry registry) {
    registry.add("trainflow.data-dir", DATA_DIR::toString);
    registry.add("trainflow.temporal.embedded-port", () -> TEMPORAL_PORT);
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + TEMPORAL_PORT);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("trainflow-api-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
