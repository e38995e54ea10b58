package dev.trainflow.deploy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a TF Serving predict body, {@code {"signature_name": ..., "instances": [{feature: value}]}}
 * (row form) or {@code {"inputs": {feature: [values]}}} (columnar form), into one column per
 * signature input. Every input must be present in every row with a value of its dtype: a string,
 * a number (null: missing, NaN, as the training data's empty cell; DT_FLOAT or a tabular model's
 * DT_DOUBLE) or an integer. Features the
 * signature does not take are ignored, so one client request fits models that read fewer columns.
 */
final class PredictRequestReader {
  /**
   * Rows one request may hold: a retrieval model's scores are [rows, candidates] floats (1024 rows
   * over 36,000 candidates: 147 MB), so an unbounded request could exhaust the server's memory.
   */
  static final int MAX_ROWS = 1024;

  private final ObjectMapper json;

  PredictRequestReader(ObjectMapper json) {
    this.json = json;
  }

  /** The parsed body, with only its top-level shape checked. */
  JsonNode parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ServingException.badRequest("JSON Parse error: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServingException.badRequest("cannot read the request body: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw ServingException.badRequest("the request body must be a JSON object with \"instances\" or \"inputs\"");
    }
    boolean rows = root.has("instances");
    boolean columns = root.has("inputs");
    if (rows == columns) {
      throw ServingException.badRequest(
          rows
              ? "the request has both \"instances\" and \"inputs\"; send one of them"
              : "the request has neither \"instances\" (row form) nor \"inputs\" (columnar form)");
    }
    JsonNode signatureName = root.get("signature_name");
    if (signatureName != null && !signatureName.isTextual()) {
      throw ServingException.badRequest("\"signature_name\" must be a string");
    }
    return root;
  }

  static String signatureName(JsonNode root) {
    JsonNode name = root.get("signature_name");
    return name == null ? null : name.asText();
  }

  PredictInput read(JsonNode root, ServingSignature signature) {
    return root.has("instances") ? rows(root.get("instances"), signature) : columns(root.get("inputs"), signature);
  }

  private static PredictInput rows(JsonNode instances, ServingSignature signature) {
    if (!instances.isArray() || instances.isEmpty()) {
      throw ServingException.badRequest("\"instances\" must be a non-empty list of objects, one per row");
    }
    int rows = instances.size();
    requireAtMostMaxRows("\"instances\"", rows);
    Map<String, FeatureColumn> columns = new LinkedHashMap<>();
    for (TensorSpec input : signature.inputs().values()) {
      columns.put(input.key(), FeatureColumn.allocate(input.dtype(), rows));
    }
    for (int row = 0; row < rows; row++) {
      JsonNode instance = instances.get(row);
      if (!instance.isObject()) {
        throw ServingException.badRequest("instance " + row + " must be an object of named features, got " + describe(instance));
      }
      for (TensorSpec input : signature.inputs().values()) {
        JsonNode value = instance.get(input.key());
        if (value == null) {
          throw ServingException.badRequest(
              "instance " + row + " is missing feature '" + input.key() + "' (" + input.expectation() + ")" + expected(signature));
        }
        set(columns.get(input.key()), row, input, value, "instance " + row);
      }
    }
    return new PredictInput(signature, columns, rows, false);
  }

  private static PredictInput columns(JsonNode inputs, ServingSignature signature) {
    if (!inputs.isObject()) {
      throw ServingException.badRequest("\"inputs\" must be an object of named feature lists");
    }
    Map<String, FeatureColumn> columns = new LinkedHashMap<>();
    int rows = -1;
    String first = null;
    for (TensorSpec input : signature.inputs().values()) {
      JsonNode values = inputs.get(input.key());
      if (values == null) {
        throw ServingException.badRequest(
            "\"inputs\" is missing feature '" + input.key() + "' (a list of " + input.expectation() + ")" + expected(signature));
      }
      if (!values.isArray() || values.isEmpty()) {
        throw ServingException.badRequest("feature '" + input.key() + "' must be a non-empty list of " + input.expectation() + ", got " + describe(values));
      }
      if (rows >= 0 && values.size() != rows) {
        throw ServingException.badRequest(
            "feature '" + input.key() + "' has " + values.size() + " values but '" + first + "' has " + rows + "; every input needs one value per row");
      }
      rows = values.size();
      requireAtMostMaxRows("feature '" + input.key() + "'", rows);
      first = first == null ? input.key() : first;
      FeatureColumn column = FeatureColumn.allocate(input.dtype(), rows);
      Iterator<JsonNode> it = values.elements();
      for (int row = 0; it.hasNext(); row++) {
        set(column, row, input, it.next(), "row " + row);
      }
      columns.put(input.key(), column);
    }
    return new PredictInput(signature, columns, rows, true);
  }

  private static void requireAtMostMaxRows(String what, int rows) {
    if (rows > MAX_ROWS) {
      throw ServingException.badRequest(what + " has " + rows + " rows; this server takes at most " + MAX_ROWS + " per request");
    }
  }

  private static void set(FeatureColumn column, int row, TensorSpec input, JsonNode value, String where) {
    switch (input.dtype()) {
      case DT_STRING -> {
        if (!value.isTextual()) {
          throw mistyped(input, value, where);
        }
        column.setString(row, value.textValue());
      }
      case DT_FLOAT -> {
        if (value.isNull()) {
          column.setFloat(row, Float.NaN);
        } else if (value.isNumber()) {
          column.setFloat(row, value.floatValue());
        } else {
          throw mistyped(input, value, where);
        }
      }
      case DT_DOUBLE -> {
        if (value.isNull()) {
          column.setDouble(row, Double.NaN);
        } else if (value.isNumber()) {
          column.setDouble(row, value.doubleValue());
        } else {
          throw mistyped(input, value, where);
        }
      }
      default -> {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          column.setLong(row, value.longValue());
        } else if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())
            && Math.abs(value.doubleValue()) < 9.0e18) {
          column.setLong(row, (long) value.doubleValue());
        } else {
          throw mistyped(input, value, where);
        }
      }
    }
  }

  private static ServingException mistyped(TensorSpec input, JsonNode value, String where) {
    return ServingException.badRequest(
        where + ": feature '" + input.key() + "' must be " + input.expectation() + ", got " + describe(value));
  }

  private static String expected(ServingSignature signature) {
    return "; signature '" + signature.key() + "' takes " + signature.inputs().keySet();
  }

  /** The value as the error shows it: short, with its JSON type. */
  private static String describe(JsonNode value) {
    String text = value.toString();
    if (text.length() > 40) {
      text = text.substring(0, 40) + "...";
    }
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + text;
  }
}
