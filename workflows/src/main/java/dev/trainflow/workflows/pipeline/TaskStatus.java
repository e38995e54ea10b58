package dev.trainflow.workflows.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum TaskStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Not run: a dependency failed or left it nothing to do. */
  SKIPPED;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }
}
