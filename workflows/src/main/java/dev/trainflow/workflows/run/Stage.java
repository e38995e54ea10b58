package dev.trainflow.workflows.run;

import java.util.Locale;

/**
 * The nine stages of a run, in order, with the share of progress_percent each one carries once done.
 */
public enum Stage {
  COMPILE(2),
  EXAMPLES(5),
  STATISTICS(3),
  SCHEMA(2),
  TRANSFORM(3),
  TRAIN(75),
  EVALUATE(5),
  REGISTER(3),
  DEPLOY(2);

  private final int weight;

  Stage(int weight) {
    this.weight = weight;
  }

  public int weight() {
    return weight;
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
