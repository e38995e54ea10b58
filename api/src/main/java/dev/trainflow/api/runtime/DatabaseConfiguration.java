package dev.trainflow.api.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.trainflow.activities.persistence.EmbeddedDatabase;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL: the server at {@code DATABASE_URL}, or an embedded one whose data lives under
 * {@code DATA_DIR/postgres} and survives restarts. Flyway and jOOQ come from Spring Boot's
 * auto-configuration on top of this data source.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${trainflow.database.url:}'.isBlank()")
  EmbeddedDatabase embeddedDatabase(TrainflowSettings settings) {
    return EmbeddedDatabase.start(settings.embeddedPostgresDir(), settings.database().embeddedPort());
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(TrainflowSettings settings, ObjectProvider<EmbeddedDatabase> embedded) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("trainflow");
    config.setMaximumPoolSize(10);
    EmbeddedDatabase database = embedded.getIfAvailable();
    if (database != null) {
      config.setJdbcUrl(database.jdbcUrl());
    } else {
      DatabaseUrl url =
          DatabaseUrl.parse(settings.database().url(), settings.database().username(), settings.database().password());
      config.setJdbcUrl(url.jdbcUrl());
      config.setUsername(url.username());
      config.setPassword(url.password());
    }
    return new HikariDataSource(config);
  }

  static String describe(TrainflowSettings settings, DataSource dataSource, EmbeddedDatabase embedded) {
    if (embedded != null) {
      return "embedded PostgreSQL on port " + embedded.port() + ", data in " + embedded.dataDirectory().toAbsolutePath();
    }
    return "external PostgreSQL at "
        + DatabaseUrl.parse(settings.database().url(), settings.database().username(), settings.database().password())
            .redacted();
  }
}
