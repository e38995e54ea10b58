package dev.trainflow.worker.tabular;

/**
 * How a categorical column becomes numbers: one indicator column per level ({@code one_hot}), or
 * one column holding the level's index ({@code ordinal}, compact, fine for trees).
 */
public enum CategoricalEncoding {
  ONE_HOT("one_hot"),
  ORDINAL("ordinal");

  private final String value;

  CategoricalEncoding(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static CategoricalEncoding of(String value) {
    for (CategoricalEncoding e : values()) {
      if (e.value.equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("categorical encoding must be one_hot or ordinal, got '" + value + "'");
  }
}
