package dev.trainflow.activities.persistence;

import dev.trainflow.activities.JsonCodec;
import org.jooq.JSONB;

/** JSONB columns hold the same snake_case JSON the API speaks. */
final class JsonColumns {
  private JsonColumns() {}

  static JSONB jsonb(Object value) {
    return value == null ? null : JSONB.valueOf(JsonCodec.toJson(value));
  }

  static <T> T read(JSONB value, Class<T> type) {
    return value == null ? null : JsonCodec.fromJson(value.data(), type);
  }
}
