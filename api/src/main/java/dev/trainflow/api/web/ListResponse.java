package dev.trainflow.api.web;

import java.util.List;

/** A list of items; paginated listings fill {@code total}, {@code page} and {@code size}. */
public record ListResponse<T>(List<T> items, Long total, Integer page, Integer size) {
  public static <T> ListResponse<T> of(List<T> items) {
    return new ListResponse<>(items, (long) items.size(), null, null);
  }
}
