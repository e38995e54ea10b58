package dev.trainflow.api.runtime;

import dev.trainflow.activities.persistence.EmbeddedDatabase;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at startup, per part of the runtime, whether it is embedded or external, and where. */
@Component
class RuntimeModeLog {
  private static final Logger log = LoggerFactory.getLogger(RuntimeModeLog.class);

  private final TrainflowSettings settings;
  private final DataSource dataSource;
  private final ObjectProvider<EmbeddedDatabase> embeddedDatabase;
  private final TemporalWorkers workers;

  RuntimeModeLog(
      TrainflowSettings settings,
      DataSource dataSource,
      ObjectProvider<EmbeddedDatabase> embeddedDatabase,
      TemporalWorkers workers) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.embeddedDatabase = embeddedDatabase;
    this.workers = workers;
  }

  @EventListener(ApplicationReadyEvent.class)
  void describe(ApplicationReadyEvent event) {
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
    log.info("mode temporal:  {}",
        settings.temporal().embedded()
            ? "EMBEDDED test server on port " + settings.temporal().embeddedPort() + " (state in memory only)"
            : "external cluster at " + settings.temporal().address());
    log.info("mode database:  {}", DatabaseConfiguration.describe(settings, dataSource, embeddedDatabase.getIfAvailable()));
    log.info("mode artifacts: {}",
        settings.artifacts().embedded()
            ? "EMBEDDED local folder " + settings.embeddedArtifactDir().toAbsolutePath()
            : "ARTIFACT_ROOT " + settings.artifacts().root());
    log.info("mode workers:   in-process for task queues {}{}", workers.queues(),
        settings.workers().embeddedGpu() ? "" : " (gpu queue served by standalone worker-gpu processes only)");
    log.info("trainflow ready: http://localhost:{}/api/training-runs", port);
  }
}
