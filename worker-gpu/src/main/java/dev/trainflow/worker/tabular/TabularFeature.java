package dev.trainflow.worker.tabular;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One input column of a trained tabular model, as its bundle records it: a number, or a category
 * with the levels the encoder learned from the training rows (in their encoded order).
 *
 * @param kind {@link #NUMERIC} or {@link #CATEGORICAL}
 * @param categories the learned levels of a categorical column; empty for a numeric one
 */
public record TabularFeature(String name, String kind, List<String> categories) {
  public static final String NUMERIC = "numeric";
  public static final String CATEGORICAL = "categorical";

  public TabularFeature {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a feature needs a name");
    }
    if (!NUMERIC.equals(kind) && !CATEGORICAL.equals(kind)) {
      throw new IllegalArgumentException("feature '" + name + "': kind must be numeric or categorical, got '" + kind + "'");
    }
    categories = categories == null ? List.of() : List.copyOf(categories);
    if (NUMERIC.equals(kind) && !categories.isEmpty()) {
      throw new IllegalArgumentException("feature '" + name + "' is numeric but lists categories");
    }
  }

  public static TabularFeature numeric(String name) {
    return new TabularFeature(name, NUMERIC, List.of());
  }

  public static TabularFeature categorical(String name, List<String> categories) {
    return new TabularFeature(name, CATEGORICAL, categories);
  }

  @JsonIgnore
  public boolean isCategorical() {
    return CATEGORICAL.equals(kind);
  }
}
