package dev.trainflow.activities.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One migrated embedded PostgreSQL per test class, in a fresh folder. */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {
  private Path folder;
  private EmbeddedDatabase database;
  private DSLContext dsl;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    folder = Files.createTempDirectory("trainflow-pg-");
    start();
  }

  void start() {
    database = EmbeddedDatabase.start(folder.resolve("pg"), 0);
    Migrations.migrate(database.dataSource());
    dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
  }

  /** Stops and starts the server on the same data folder. */
  void restart() {
    database.close();
    start();
  }

  public DSLContext dsl() {
    return dsl;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    database.close();
  }
}
