package dev.trainflow.api.models;

/** The seed's rule: an ml model whose last 3 runs failed within 24 h takes no new runs. */
public final class FailureBlock {
  public static final int FAILURES = 3;

  private FailureBlock() {}

  public static String message(String mlModelName) {
    return "ml model '" + mlModelName + "' is blocked: its last " + FAILURES
        + " runs failed within 24 hours; fix the cause, then an admin clears the block with"
        + " POST /api/ml-models/" + mlModelName + "/clear-block";
  }
}
