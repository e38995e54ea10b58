package dev.trainflow.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under {@code ops/}, parsed: what the tests validate and read metric names from. */
public final class OpsFiles {
  /** Tests run in the api module's folder; ops/ is beside it. */
  public static final Path OPS = Path.of("..", "ops");
  /** Metric names our alerts and panels use; label values and PromQL functions never match. */
  private static final Pattern METRIC =
      Pattern.compile("(?<![A-Za-z0-9_:\"-])((?:trainflow|temporal|jvm|process)_[a-z0-9_]+|up)(?=\\s*[{\\[)*/+\\-<>=]|\\s|$)");

  private OpsFiles() {}

  public static Path path(String relative) {
    return OPS.resolve(relative);
  }

  public static Object yaml(String relative) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(relative));
  }

  public static List<Map<String, Object>> yamlDocuments(String relative) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(relative))) {
      if (document != null) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  public static JsonNode json(String relative) {
    try {
      return new ObjectMapper().readTree(read(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(relative + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Every PromQL expression of the alert rules. */
  public static List<String> alertExpressions() {
    List<String> expressions = new ArrayList<>();
    for (Object group : list(map(yaml("prometheus/alerts.yml")).get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        expressions.add(String.valueOf(map(rule).get("expr")));
      }
    }
    return expressions;
  }

  /** Every PromQL expression of the dashboard's panels. */
  public static List<String> dashboardExpressions() {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : json("grafana/dashboards/trainflow.json").get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.get("expr").asText());
      }
    }
    return expressions;
  }

  public static Set<String> metricNames(List<String> expressions) {
    Set<String> names = new LinkedHashSet<>();
    for (String expression : expressions) {
      Matcher m = METRIC.matcher(expression);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  private static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
