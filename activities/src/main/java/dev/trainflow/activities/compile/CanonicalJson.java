package dev.trainflow.activities.compile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trainflow.activities.JsonCodec;

/**
 * The JSON a hash is taken over: {@link JsonCodec}'s snake_case, properties and map keys sorted,
 * nulls left out, no whitespace. Equal values give equal bytes whatever the declaration order of a
 * record's components or the iteration order of a map, and a field added later as null does not
 * change the hash of configs that do not set it.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER =
      JsonCodec.configure(
          JsonMapper.builder()
              .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .serializationInclusion(JsonInclude.Include.NON_NULL)
              .build());

  private CanonicalJson() {}

  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write canonical JSON: " + e.getMessage(), e);
    }
  }
}
