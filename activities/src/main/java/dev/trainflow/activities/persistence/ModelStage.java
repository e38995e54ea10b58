package dev.trainflow.activities.persistence;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a registered model version stands. A version starts in {@link #NONE}; at most one version
 * of an ml model is in {@link #PRODUCTION}, and promoting one archives the one before.
 */
public enum ModelStage {
  NONE("none"),
  STAGING("staging"),
  PRODUCTION("production"),
  ARCHIVED("archived");

  private final String value;

  ModelStage(String value) {
    this.value = value;
  }

  /** The stage as the API and the database spell it. */
  public String value() {
    return value;
  }

  public static Optional<ModelStage> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }

  /** "none, staging, production or archived", for error messages. */
  public static String allowedValues() {
    String all = Arrays.stream(values()).map(ModelStage::value).collect(Collectors.joining(", "));
    return all.substring(0, all.lastIndexOf(", ")) + " or " + all.substring(all.lastIndexOf(", ") + 2);
  }
}
