package dev.trainflow.worker.model;

import dev.trainflow.workflows.activities.FeatureTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of one tower: its feature transforms in input order, its dense layers, and whether it
 * ends in a linear projection to the embedding size. Pure description: the graph is built from it,
 * and model.json stores it so evaluation and serving rebuild the same tower.
 *
 * @param name {@code query} or {@code candidate}; the prefix of the tower's variable names
 * @param projection true when the tower has no layers and its input is not already the embedding
 * @param outputDim width of the tower's output vector
 */
public record TowerSpec(
    String name, List<FeatureTransform> features, List<Integer> layers, boolean projection, int outputDim) {

  private static final Set<String> TRANSFORMS = Set.of("embedding", "normalize", "bucketize", "cyclical", "cross");

  /**
   * A tower as {@link dev.trainflow.workflows.spec.ModelConfig} describes it: without layers it
   * ends in a projection to {@code embeddingDim}, except a lone embedding feature of that size,
   * which is the tower (the TFRS basic retrieval model).
   */
  public static TowerSpec of(String name, List<FeatureTransform> features, List<Integer> layers, int embeddingDim) {
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("the " + name + " tower has no features");
    }
    Set<String> names = new HashSet<>();
    for (FeatureTransform feature : features) {
      check(name, feature);
      if (!names.add(feature.name())) {
        throw new IllegalArgumentException("the " + name + " tower has two features named '" + feature.name() + "'");
      }
    }
    List<Integer> hidden = layers == null ? List.of() : List.copyOf(layers);
    for (int units : hidden) {
      if (units <= 0) {
        throw new IllegalArgumentException("the " + name + " tower has a layer of " + units + " units");
      }
    }
    if (!hidden.isEmpty()) {
      return new TowerSpec(name, List.copyOf(features), hidden, false, hidden.get(hidden.size() - 1));
    }
    FeatureTransform first = features.get(0);
    boolean embeddingIsTower =
        features.size() == 1 && "embedding".equals(first.transform()) && first.dim() == embeddingDim;
    return new TowerSpec(name, List.copyOf(features), hidden, !embeddingIsTower, embeddingDim);
  }

  private static void check(String tower, FeatureTransform feature) {
    String where = "the " + tower + " tower's feature '" + feature.name() + "'";
    if (feature.name() == null || feature.name().isBlank()) {
      throw new IllegalArgumentException("a feature of the " + tower + " tower has no name");
    }
    if (!TRANSFORMS.contains(feature.transform())) {
      throw new IllegalArgumentException(where + " has unknown transform '" + feature.transform() + "'");
    }
    if (!"cross".equals(feature.transform()) && (feature.column() == null || feature.column().isBlank())) {
      throw new IllegalArgumentException(where + " names no column");
    }
    switch (feature.transform()) {
      case "embedding" -> {
        if (feature.vocabulary() == null || feature.dim() <= 0) {
          throw new IllegalArgumentException(where + " needs a vocabulary and a positive dim");
        }
      }
      case "bucketize" -> {
        if (feature.boundaries() == null || feature.dim() <= 0) {
          throw new IllegalArgumentException(where + " needs boundaries and a positive dim");
        }
      }
      case "cyclical" -> {
        if (feature.cycles() == null || feature.cycles().isEmpty()) {
          throw new IllegalArgumentException(where + " needs at least one cycle");
        }
        for (String cycle : feature.cycles()) {
          TimestampCycle.named(cycle);
        }
      }
      case "cross" -> {
        if (feature.columns() == null || feature.columns().size() < 2 || feature.hashBuckets() == null
            || feature.hashBuckets() < 1 || feature.dim() <= 0) {
          throw new IllegalArgumentException(where + " needs two or more columns, hash buckets and a positive dim");
        }
      }
      default -> {
        if (feature.mean() == null || feature.std() == null) {
          throw new IllegalArgumentException(where + " needs a mean and a std");
        }
      }
    }
  }

  /** Every column the tower reads, in first-use order: a serving input each. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    for (FeatureTransform feature : features) {
      List<String> read = "cross".equals(feature.transform()) ? feature.columns() : List.of(feature.column());
      for (String column : read) {
        if (!columns.contains(column)) {
          columns.add(column);
        }
      }
    }
    return columns;
  }

  /** Width of the concatenated feature vectors. */
  public int inputWidth() {
    return features.stream().mapToInt(FeatureTransform::width).sum();
  }

  /** The tower's variables in graph order: embedding tables, then each layer's kernel and bias. */
  public List<VariableSpec> variables() {
    List<VariableSpec> variables = new ArrayList<>();
    for (FeatureTransform feature : features) {
      if (feature.embeddingRows() > 0) {
        variables.add(
            VariableSpec.of(
                embeddingName(feature), List.of(feature.embeddingRows(), feature.dim()), WeightInitializer.EMBEDDING_UNIFORM));
      }
    }
    int width = inputWidth();
    for (int i = 0; i < layers.size(); i++) {
      variables.addAll(dense(name + "/dense_" + i, width, layers.get(i)));
      width = layers.get(i);
    }
    if (projection) {
      variables.addAll(dense(name + "/projection", width, outputDim));
    }
    return variables;
  }

  public String embeddingName(FeatureTransform feature) {
    return name + "/embedding/" + feature.name();
  }

  private static List<VariableSpec> dense(String prefix, int inputs, int units) {
    return List.of(
        VariableSpec.of(prefix + "/kernel", List.of(inputs, units), WeightInitializer.GLOROT_UNIFORM),
        VariableSpec.constant(prefix + "/bias", List.of(units), 0f));
  }
}
