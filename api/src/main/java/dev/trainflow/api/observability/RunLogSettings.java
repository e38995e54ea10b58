package dev.trainflow.api.observability;

import dev.trainflow.activities.logs.RunLogWriter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code trainflow.logs.*}: the run logs kept in the artifact store.
 *
 * @param maxLinesPerStage lines kept per stage attempt, the last ones (default 2000)
 * @param maxLineChars a longer line is cut (default 4000)
 * @param flushInterval how often a running stage's log is written out (default 5 s)
 */
@ConfigurationProperties("trainflow.logs")
public record RunLogSettings(Integer maxLinesPerStage, Integer maxLineChars, Duration flushInterval) {
  public RunLogSettings {
    maxLinesPerStage = maxLinesPerStage == null ? RunLogWriter.DEFAULT_MAX_LINES : maxLinesPerStage;
    maxLineChars = maxLineChars == null ? RunLogWriter.DEFAULT_MAX_LINE_CHARS : maxLineChars;
    flushInterval = flushInterval == null ? Duration.ofSeconds(5) : flushInterval;
  }
}
