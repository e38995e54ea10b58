package dev.trainflow.worker.tabular;

import dev.trainflow.activities.data.DeterministicRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * Random forests with Smile.
 *
 * <p>Smile's forests take no row weights, and their integer {@code classWeight} did not act as a
 * weight in our tests (balanced weights lowered the minority's recall). Row weights are therefore
 * applied by replication: each row appears about {@code weight / smallest weight} times (the
 * fraction decided by a seeded draw), which is what a weight means to a bootstrap sample.
 *
 * <p>Smile grows trees on parallel streams whose workers draw from thread-local random generators,
 * so the same seed gave different forests. Training runs in a one-thread fork-join pool, which
 * makes the draws, and so the forest, a function of the seed.
 */
public final class RandomForestTrainer implements TabularTrainer {
  public static final String NAME = "random_forest";
  private static final String LABEL = "__label__";
  /** Smile's default for classification: grow until nodes are this small. */
  private static final int NODE_SIZE = 5;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params) {
    EncodedData replicated = replicateByWeight(train, params.seed());
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      return pool.submit(() -> fitInPool(replicated, task, classes, params)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("random forest training interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private TabularModel fitInPool(EncodedData train, TabularTask task, int classes, TrainerParams params) {
    int features = train.x().length == 0 ? 0 : train.x()[0].length;
    String[] names = featureNames(features);
    DataFrame x = DataFrame.of(train.x(), names);
    Formula formula = Formula.lhs(LABEL);
    int maxDepth = params.maxDepth() == 0 ? 64 : params.maxDepth();
    int maxNodes = Math.max(2, train.rows() / NODE_SIZE);
    // per-tree seeds derived from the run's seed: the forest is the same however threads interleave
    LongStream seeds = LongStream.iterate(params.seed(), s -> s * 6364136223846793005L + 1442695040888963407L);
    if (task.classification()) {
      int[] y = train.classes();
      int mtry = Math.max(1, (int) Math.floor(Math.sqrt(features)));
      smile.classification.RandomForest forest =
          smile.classification.RandomForest.fit(
              formula, x.merge(IntVector.of(LABEL, y)), params.trees(), mtry, SplitRule.GINI, maxDepth, maxNodes,
              1, 1.0, null, seeds);
      return new ForestModel(forest, null, names, classes);
    }
    int mtry = Math.max(1, features / 3);
    smile.regression.RandomForest forest =
        smile.regression.RandomForest.fit(
            formula, x.merge(DoubleVector.of(LABEL, train.y())), params.trees(), mtry, maxDepth, maxNodes, NODE_SIZE,
            1.0, seeds);
    return new ForestModel(null, forest, names, 0);
  }

  /**
   * A forest saved by {@link TabularModel#toBytes}, for prediction. Java deserialization runs code
   * of the classes it meets, so only Smile's, the JDK's and arrays are let through: a model file
   * that names anything else is refused before any of it is built.
   */
  public static TabularModel load(byte[] bytes, TabularTask task, int classes, int features) {
    Object forest;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("smile.**;java.**;!*"));
      forest = in.readObject();
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("not a Smile random forest: " + e.getMessage(), e);
    }
    String[] names = featureNames(features);
    if (task.classification() && forest instanceof smile.classification.RandomForest classifier) {
      return new ForestModel(classifier, null, names, classes);
    }
    if (!task.classification() && forest instanceof smile.regression.RandomForest regressor) {
      return new ForestModel(null, regressor, names, 0);
    }
    throw new IllegalArgumentException(
        "the model file holds a " + forest.getClass().getName() + ", not a random forest for " + task.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Each row about weight / smallest weight times; all-equal weights leave the data as it is. */
  static EncodedData replicateByWeight(EncodedData train, long seed) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double w : train.weights()) {
      min = Math.min(min, w);
      max = Math.max(max, w);
    }
    if (train.rows() == 0 || max == min) {
      return train;
    }
    DeterministicRandom random = new DeterministicRandom(seed);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < train.rows(); i++) {
      double copies = train.weights()[i] / min;
      int whole = (int) Math.floor(copies);
      int n = whole + (random.nextDouble() < copies - whole ? 1 : 0);
      for (int c = 0; c < n; c++) {
        rows.add(i);
      }
    }
    EncodedData out = train.subset(rows.stream().mapToInt(Integer::intValue).toArray());
    double[] ones = new double[out.rows()];
    java.util.Arrays.fill(ones, 1.0);
    return new EncodedData(out.x(), out.y(), ones);
  }

  private static String[] featureNames(int features) {
    String[] names = new String[features];
    for (int j = 0; j < features; j++) {
      names[j] = "f" + j;
    }
    return names;
  }

  private record ForestModel(
      smile.classification.RandomForest classifier, smile.regression.RandomForest regressor, String[] names, int classes)
      implements TabularModel {

    @Override
    public double[][] predictProbabilities(double[][] x) {
      DataFrame frame = DataFrame.of(x, names);
      double[][] probabilities = new double[x.length][classes];
      for (int i = 0; i < x.length; i++) {
        Tuple row = frame.get(i);
        classifier.predict(row, probabilities[i]);
      }
      return probabilities;
    }

    @Override
    public double[] predictValues(double[][] x) {
      DataFrame frame = DataFrame.of(x, names);
      double[] values = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        values[i] = regressor.predict(frame.get(i));
      }
      return values;
    }

    @Override
    public byte[] toBytes() {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(classifier != null ? classifier : regressor);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot serialize the random forest", e);
      }
      return bytes.toByteArray();
    }

    @Override
    public double[] gainImportance() {
      return classifier != null ? classifier.importance() : regressor.importance();
    }
  }
}
