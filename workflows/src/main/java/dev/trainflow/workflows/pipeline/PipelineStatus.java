package dev.trainflow.workflows.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A pipeline run: running, then succeeded (every task), partially succeeded (some model registered or trained despite failed tasks) or failed. */
public enum PipelineStatus {
  RUNNING,
  SUCCEEDED,
  PARTIALLY_SUCCEEDED,
  FAILED;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
