package dev.trainflow.api.security;

import dev.trainflow.api.TrainflowApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on the embedded runtime with auth on: three hashed tokens (one per role), an
 * OIDC issuer whose JWTs carry roles in {@code realm_access.roles}, and a database password that
 * must never be logged. Its own ports and data folder, so it lives beside {@code EmbeddedApiTest}'s
 * context; every class extending it shares this one.
 */
@SpringBootTest(
    classes = TrainflowApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "trainflow.auth.jwt.issuer-uri=" + TestIssuer.ISSUER,
      "trainflow.auth.jwt.audience=" + TestIssuer.AUDIENCE,
      "trainflow.auth.jwt.roles-claim=realm_access.roles",
      "trainflow.auth.jwt.role-prefix=trainflow-",
      // chatty loggers on, so the secret scan has the most lines to look at
      "logging.level.org.springframework.security=DEBUG",
      "logging.level.dev.trainflow=DEBUG"
    })
public abstract class SecuredApiTest {
  public static final String VIEWER_TOKEN = randomToken("viewer");
  public static final String OPERATOR_TOKEN = randomToken("operator");
  public static final String ADMIN_TOKEN = randomToken("admin");
  public static final String DATABASE_PASSWORD = randomToken("database-password");
  public static final TestIssuer ISSUER = TestIssuer.start();
  private static final Path DATA_DIR = tempDir();
  private static final int TEMPORAL_PORT = freePort();

  @DynamicPropertySource
  static void securedRuntime(DynamicPropertyRegistry registry) {
    registry.add("trainflow.data-dir", DATA_DIR::toString);
    registry.add("trainflow.temporal.embedded-port", () -> TEMPORAL_PORT);
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + TEMPORAL_PORT);
    // one list from one property source: Spring binds a list from the highest source that has it
    token(registry, 0, "viewer-bot", "viewer", VIEWER_TOKEN);
    token(registry, 1, "operator-bot", "operator", OPERATOR_TOKEN);
    token(registry, 2, "admin-person", "admin", ADMIN_TOKEN);
    registry.add("trainflow.auth.jwt.jwk-set-uri", ISSUER::jwkSetUri);
    // configured, though the embedded database does not use it: it must not show up anywhere
    registry.add("trainflow.database.password", () -> DATABASE_PASSWORD);
  }

  private static void token(DynamicPropertyRegistry registry, int index, String name, String role, String token) {
    String prefix = "trainflow.auth.tokens[" + index + "].";
    registry.add(prefix + "name", () -> name);
    registry.add(prefix + "role", () -> role);
    registry.add(prefix + "sha256", () -> sha256(token));
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomToken(String what) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return what + "-" + HexFormat.of().formatHex(bytes);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("trainflow-secured-api-test-");
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
