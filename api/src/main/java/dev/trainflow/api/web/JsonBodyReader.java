package dev.trainflow.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.trainflow.workflows.spec.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a JSON request body into a request record, collecting every unknown field and every value
 * of the wrong type (instead of stopping at the first), so one 400 can name them all.
 */
@Component
public class JsonBodyReader {
  private final ObjectMapper mapper;

  public JsonBodyReader(ObjectMapper mapper) {
    // Strict scalars: "3" is not an integer and 3.5 is not 3.
    this.mapper = mapper.copy();
    for (LogicalType numeric : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      this.mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    this.mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    this.mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    this.mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
  }

  public <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw BadRequestException.of("body", "a JSON object is required");
    }
    List<FieldError> problems = new ArrayList<>();
    T value;
    try {
      value =
          mapper
              .readerFor(type)
              .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
              .withHandler(new CollectingProblems(problems))
              .readValue(body);
    } catch (MismatchedInputException e) {
      problems.add(new FieldError(path(e), mismatch(e)));
      throw new BadRequestException(problems);
    } catch (JsonProcessingException e) {
      throw BadRequestException.of(
          "body",
          "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
              + ": " + e.getOriginalMessage());
    }
    if (!problems.isEmpty()) {
      throw new BadRequestException(problems);
    }
    if (value == null) {
      throw BadRequestException.of("body", "a JSON object is required");
    }
    return value;
  }

  private static String mismatch(MismatchedInputException e) {
    String target = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
    return "expected " + target;
  }

  private static String path(MismatchedInputException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "body" : sb.toString();
  }

  /** "training_params.epochs", "query_features[0].column" from the parser's position. */
  static String path(JsonStreamContext context, String leaf) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      }
    }
    if (leaf != null && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(leaf))) {
      parts.add(leaf);
    }
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (sb.length() > 0 && !part.startsWith("[")) {
        sb.append('.');
      }
      sb.append(part);
    }
    return sb.length() == 0 ? "body" : sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static final class CollectingProblems extends DeserializationProblemHandler {
    private final List<FieldError> problems;

    CollectingProblems(List<FieldError> problems) {
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
        throws IOException {
      problems.add(new FieldError(path(p.getParsingContext(), propertyName), "unknown field"));
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
      problems.add(
          new FieldError(path(ctxt.getParser().getParsingContext(), null), "expected " + describe(targetType) + ", got '" + valueToConvert + "'"));
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg) {
      problems.add(
          new FieldError(path(ctxt.getParser().getParsingContext(), null), "expected " + describe(targetType) + ", got " + valueToConvert));
      return null;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String failureMsg) throws IOException {
      problems.add(
          new FieldError(path(p.getParsingContext(), null), "expected " + describe(targetType.getRawClass()) + ", got " + token(t)));
      p.skipChildren();
      return null;
    }

    private static String token(JsonToken t) {
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        default -> t.asString() == null ? t.name().toLowerCase() : t.asString();
      };
    }
  }
}
