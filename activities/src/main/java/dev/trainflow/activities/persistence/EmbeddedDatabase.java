package dev.trainflow.activities.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data folder survives restarts: the
 * database of the embedded default and of the tests.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, initialising it on first use and reusing it after.
   *
   * @param port 0 for any free port
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory.toFile())
              .setCleanDataDirectory(false)
              .setServerConfig("max_connections", "50");
      if (port > 0) {
        builder.setPort(port);
      }
      return new EmbeddedDatabase(builder.start(), dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
