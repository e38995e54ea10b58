package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;

/** The encoded inputs of one tower for a set of rows, one {@link FeatureValues} per feature in tower order. */
public record TowerInput(List<FeatureValues> features, int rows) {

  public TowerInput {
    for (FeatureValues feature : features) {
      if (feature.rows() != rows) {
        throw new IllegalArgumentException("a feature has " + feature.rows() + " rows, the tower input " + rows);
      }
    }
  }

  public static TowerInput of(List<FeatureValues> features) {
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a tower input needs at least one feature");
    }
    return new TowerInput(List.copyOf(features), features.get(0).rows());
  }

  /** The rows {@code order[from..to)}: one shuffled batch. */
  public TowerInput select(int[] order, int from, int to) {
    List<FeatureValues> selected = new ArrayList<>(features.size());
    for (FeatureValues feature : features) {
      selected.add(feature.select(order, from, to));
    }
    return new TowerInput(selected, to - from);
  }

  /** The contiguous rows {@code [from..to)}: one batch in file order. */
  public TowerInput range(int from, int to) {
    List<FeatureValues> selected = new ArrayList<>(features.size());
    for (FeatureValues feature : features) {
      selected.add(feature.range(from, to));
    }
    return new TowerInput(selected, to - from);
  }
}
