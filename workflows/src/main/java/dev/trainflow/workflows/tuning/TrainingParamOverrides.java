package dev.trainflow.workflows.tuning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainflow.workflows.spec.TrainingParams;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial's hyperparameters applied to the base {@code training_params}: generically, by the
 * fields' JSON names (snake_case, as the REST API and every stored JSON column spell them), so a
 * field added to {@link TrainingParams} is tunable without a change here.
 */
public final class TrainingParamOverrides {
  /** The JSON shape of the REST API (JsonCodec's naming), without its time module: no times here. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

  private TrainingParamOverrides() {}

  /** The base params with each named field set to its value. */
  public static TrainingParams apply(TrainingParams base, Map<String, Object> params) {
    return withFields(base != null ? base : TrainingParams.empty(), TrainingParams.class, params);
  }

  /**
   * Any config record with the named fields (JSON names) set, its other fields as they were, also
   * those a newer build added.
   */
  static <T> T withFields(T value, Class<T> type, Map<String, Object> fields) {
    ObjectNode tree = JSON.valueToTree(value);
    fields.forEach((name, v) -> tree.set(name, JSON.valueToTree(v)));
    try {
      return JSON.treeToValue(tree, type);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot apply " + fields + " to " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Every field of {@code training_params} by its JSON name, with its Java type. */
  public static Map<String, Class<?>> fields() {
    Map<String, Class<?>> fields = new LinkedHashMap<>();
    for (RecordComponent c : TrainingParams.class.getRecordComponents()) {
      fields.put(jsonName(c.getName()), c.getType());
    }
    return fields;
  }

  /** Whether the field takes numbers with a fraction (uniform and log-uniform ranges need one). */
  public static boolean decimal(Class<?> type) {
    return type == Double.class || type == Float.class || type == double.class || type == float.class;
  }

  /** Whether the field takes whole numbers or numbers at all (an int range fits both). */
  public static boolean numeric(Class<?> type) {
    return decimal(type) || type == Integer.class || type == Long.class || type == int.class || type == long.class;
  }

  private static String jsonName(String javaName) {
    return SNAKE_CASE.translate(javaName);
  }
}
