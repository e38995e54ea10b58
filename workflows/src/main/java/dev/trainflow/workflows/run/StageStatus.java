package dev.trainflow.workflows.run;

import java.util.Locale;

public enum StageStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  SKIPPED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
