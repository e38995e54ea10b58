package dev.trainflow.workflows.tuning;

import java.util.List;

/**
 * The range one hyperparameter (a {@code training_params} field, by its JSON name) is searched in.
 *
 * @param type {@code uniform}, {@code log_uniform} (min > 0), {@code int} (both ends included) or
 *     {@code choice}
 * @param min the lower end of a numeric range
 * @param max the upper end of a numeric range
 * @param values the candidates of a choice
 */
public record ParameterRange(String type, Double min, Double max, List<Object> values) {
  public static final String UNIFORM = "uniform";
  public static final String LOG_UNIFORM = "log_uniform";
  public static final String INT = "int";
  public static final String CHOICE = "choice";
  public static final List<String> TYPES = List.of(UNIFORM, LOG_UNIFORM, INT, CHOICE);

  public static ParameterRange uniform(double min, double max) {
    return new ParameterRange(UNIFORM, min, max, null);
  }

  public static ParameterRange logUniform(double min, double max) {
    return new ParameterRange(LOG_UNIFORM, min, max, null);
  }

  public static ParameterRange integer(int min, int max) {
    return new ParameterRange(INT, (double) min, (double) max, null);
  }

  public static ParameterRange choice(List<Object> values) {
    return new ParameterRange(CHOICE, null, null, values);
  }

  public boolean categorical() {
    return CHOICE.equals(type);
  }
}
