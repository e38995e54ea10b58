package dev.trainflow.worker.tabular;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees with XGBoost (xgboost4j, its bundled CPU native library). Training goes
 * one boosting round at a time, so a caller can heartbeat, checkpoint and cancel between rounds,
 * and a model resumed from a checkpoint continues to the same trees it would have grown at once.
 */
public final class XGBoostTrainer implements TabularTrainer {
  public static final String NAME = "xgboost";
  /**
   * A fixed thread count: XGBoost's histogram sums are reproducible for a given count, so the same
   * seed gives the same model on any machine.
   */
  private static final int THREADS = 2;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params) {
    return fit(train, task, classes, params, null, BoostingProgress.NONE);
  }

  @Override
  public TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params, BoostingProgress progress) {
    return fit(train, task, classes, params, null, progress);
  }

  @Override
  public boolean resumes() {
    return true;
  }

  /**
   * @param resumeFrom a checkpoint from {@link BoostingProgress}, or null to start from no trees
   */
  @Override
  public TabularModel fit(
      EncodedData train, TabularTask task, int classes, TrainerParams params, byte[] resumeFrom,
      BoostingProgress progress) {
    Map<String, Object> p = new HashMap<>();
    switch (task) {
      case BINARY -> {
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
      }
      case MULTICLASS -> {
        p.put("objective", "multi:softprob");
        p.put("num_class", classes);
      }
      case REGRESSION -> p.put("objective", "reg:squarederror");
    }
    p.put("eta", params.learningRate());
    p.put("max_depth", params.maxDepth() == 0 ? 6 : params.maxDepth());
    p.put("min_child_weight", params.minChildWeight());
    p.put("subsample", params.subsample());
    p.put("seed", params.seed());
    p.put("nthread", THREADS);
    p.put("tree_method", "hist");
    p.put("verbosity", 0);
    DMatrix matrix = null;
    try {
      matrix = matrix(train.x());
      matrix.setLabel(floats(train.y()));
      matrix.setWeight(floats(train.weights()));
      Booster booster;
      if (resumeFrom != null) {
        booster = XGBoost.loadModel(resumeFrom);
        // a saved model keeps what prediction needs; the training parameters are set again
        booster.setParams(p);
      } else {
        booster = XGBoost.train(matrix, p, 0, Map.of(), null, null);
      }
      for (int round = booster.getNumBoostedRound(); round < params.trees(); round++) {
        booster.update(matrix, round);
        progress.afterRound(round + 1, params.trees(), () -> bytes(booster));
      }
      return new XGBoostModel(booster, task, classes, train.x().length == 0 ? 0 : train.x()[0].length);
    } catch (XGBoostError | java.io.IOException e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /**
   * A model saved by {@link TabularModel#toBytes}, for prediction: {@code features} is the encoded
   * width it was trained on (gain importance names features by position).
   */
  public static TabularModel load(byte[] bytes, TabularTask task, int classes, int features) {
    try {
      return new XGBoostModel(XGBoost.loadModel(bytes), task, classes, features);
    } catch (XGBoostError | java.io.IOException e) {
      throw new IllegalArgumentException("not an XGBoost model: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(Booster booster) {
    try {
      return booster.toByteArray("ubj");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost checkpoint failed: " + e.getMessage(), e);
    }
  }

  static DMatrix matrix(double[][] x) throws XGBoostError {
    int columns = x.length == 0 ? 0 : x[0].length;
    float[] flat = new float[x.length * columns];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < columns; j++) {
        flat[i * columns + j] = (float) x[i][j];
      }
    }
    return new DMatrix(flat, x.length, columns, Float.NaN);
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private record XGBoostModel(Booster booster, TabularTask task, int classes, int features) implements TabularModel {
    @Override
    public double[][] predictProbabilities(double[][] x) {
      float[][] raw = predict(x);
      double[][] probabilities = new double[raw.length][];
      for (int i = 0; i < raw.length; i++) {
        if (task == TabularTask.BINARY) {
          probabilities[i] = new double[] {1.0 - raw[i][0], raw[i][0]};
        } else {
          probabilities[i] = new double[classes];
          for (int c = 0; c < classes; c++) {
            probabilities[i][c] = raw[i][c];
          }
        }
      }
      return probabilities;
    }

    @Override
    public double[] predictValues(double[][] x) {
      float[][] raw = predict(x);
      double[] values = new double[raw.length];
      for (int i = 0; i < raw.length; i++) {
        values[i] = raw[i][0];
      }
      return values;
    }

    private float[][] predict(double[][] x) {
      DMatrix matrix = null;
      try {
        matrix = matrix(x);
        return booster.predict(matrix);
      } catch (XGBoostError e) {
        throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
      } finally {
        if (matrix != null) {
          matrix.dispose();
        }
      }
    }

    @Override
    public byte[] toBytes() {
      return bytes(booster);
    }

    @Override
    public void close() {
      booster.dispose();
    }

    @Override
    public double[] gainImportance() {
      String[] names = new String[features];
      for (int j = 0; j < features; j++) {
        names[j] = "f" + j;
      }
      try {
        Map<String, Double> gain = booster.getScore(names, "total_gain");
        double[] importance = new double[features];
        for (int j = 0; j < features; j++) {
          importance[j] = gain.getOrDefault(names[j], 0.0);
        }
        return importance;
      } catch (XGBoostError e) {
        throw new IllegalStateException("XGBoost feature importance failed: " + e.getMessage(), e);
      }
    }
  }
}
