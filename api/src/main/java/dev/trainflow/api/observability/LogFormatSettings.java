package dev.trainflow.api.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT}: structured JSON logs by default ({@code ecs}; {@code logstash} and {@code
 * gelf} are Spring Boot's other formats), or {@code plain} for the human-readable lines of
 * Spring Boot's console pattern, meant for the embedded default on a developer's terminal. An
 * explicit {@code logging.structured.format.console} wins over it. JSON values pass through {@link
 * RedactingLogMembers}.
 *
 * <p>An environment post-processor, because the logging system reads these settings before any
 * bean exists.
 */
public final class LogFormatSettings implements EnvironmentPostProcessor {
  static final String LOG_FORMAT = "LOG_FORMAT";
  static final String CONSOLE_FORMAT = "logging.structured.format.console";
  static final String CUSTOMIZER = "logging.structured.json.customizer";
  private static final List<String> JSON_FORMATS = List.of("ecs", "logstash", "gelf");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> settings = new HashMap<>();
    if (!environment.containsProperty(CONSOLE_FORMAT)) {
      String format = environment.getProperty(LOG_FORMAT, "ecs").trim().toLowerCase(Locale.ROOT);
      if (JSON_FORMATS.contains(format)) {
        settings.put(CONSOLE_FORMAT, format);
      } else if (!format.equals("plain")) {
        throw new IllegalStateException(
            "LOG_FORMAT=" + format + " is not one of plain, " + String.join(", ", JSON_FORMATS));
      }
    }
    if (!environment.containsProperty(CUSTOMIZER)) {
      settings.put(CUSTOMIZER, RedactingLogMembers.class.getName());
    }
    environment.getPropertySources().addLast(new MapPropertySource("trainflow-log-format", settings));
  }
}
