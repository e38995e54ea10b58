package dev.trainflow.activities.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations in {@code db/migration}. */
public final class Migrations {
  private Migrations() {}

  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
