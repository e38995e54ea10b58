package dev.trainflow.api.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code trainflow.metrics.*}.
 *
 * @param refreshInterval how often the gauges read running runs from the database and the gpu
 *     queue's pending attempts from Temporal (default 15 s, a common scrape interval)
 */
@ConfigurationProperties("trainflow.metrics")
public record MetricsSettings(Duration refreshInterval) {
  public MetricsSettings {
    if (refreshInterval == null) {
      refreshInterval = Duration.ofSeconds(15);
    }
  }
}
