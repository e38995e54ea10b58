package dev.trainflow.worker.tabular;

import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * Random forests with Smile. Smile takes class weights as integers, so each class's weight is
 * scaled to the smallest one and rounded (1 : 2.6 becomes 10 : 26); per-row weights are not
 * supported by Smile's forests and come only from the class weights.
 */
public final class RandomForestTrainer implements TabularTrainer {
  public static final String NAME = "random_forest";
  private static final String LABEL = "__label__";
  /** Smile's default for classification: grow until nodes are this small. */
  private static final int NODE_SIZE = 5;
  private static final int WEIGHT_RESOLUTION = 10;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params) {
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
              1, 1.0, classWeights(train, classes), seeds);
      return new ForestModel(forest, null, names, classes);
    }
    int mtry = Math.max(1, features / 3);
    smile.regression.RandomForest forest =
        smile.regression.RandomForest.fit(
            formula, x.merge(DoubleVector.of(LABEL, train.y())), params.trees(), mtry, maxDepth, maxNodes, NODE_SIZE,
            1.0, seeds);
    return new ForestModel(null, forest, names, 0);
  }

  /** Integer weights in the ratio of the rows' class weights (Smile's forests take no row weights). */
  static int[] classWeights(EncodedData train, int classes) {
    double[] weight = new double[classes];
    int[] y = train.classes();
    for (int i = 0; i < y.length; i++) {
      weight[y[i]] = train.weights()[i];
    }
    double min = Double.MAX_VALUE;
    for (double w : weight) {
      if (w > 0) {
        min = Math.min(min, w);
      }
    }
    int[] scaled = new int[classes];
    for (int c = 0; c < classes; c++) {
      scaled[c] = weight[c] > 0 ? Math.max(1, (int) Math.round(WEIGHT_RESOLUTION * weight[c] / min)) : WEIGHT_RESOLUTION;
    }
    return scaled;
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
    public double[] gainImportance() {
      return classifier != null ? classifier.importance() : regressor.importance();
    }
  }
}
