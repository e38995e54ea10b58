package dev.trainflow.worker.tabular;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gradient-boosted trees with LightGBM (lightgbm4j 4.1.0-2, its bundled CPU natives). Training
 * goes one boosting round at a time, so a caller can heartbeat, checkpoint and cancel between
 * rounds. Unlike {@link XGBoostTrainer} there is no resume: LightGBM continues a model only by
 * merging it with a new one trained over its scores, whose bagging draws differ from an
 * uninterrupted run's, so a resumed model would not be the one a seed promises.
 */
public final class LightGBMTrainer implements TabularTrainer {
  public static final String NAME = "lightgbm";
  /**
   * A fixed thread count, with {@code deterministic} and a fixed histogram layout: the same seed
   * gives the same model on any machine.
   */
  private static final int THREADS = 2;
  /** LightGBM's cap on leaves per tree. */
  private static final int MAX_LEAVES = 131_072;
  /** LightGBM's default leaves per tree, for trees of unbounded depth. */
  private static final int DEFAULT_LEAVES = 31;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params) {
    return fit(train, task, classes, params, BoostingProgress.NONE);
  }

  /**
   * @param progress told after every round; the checkpoint it may ask for is the model's text
   *     ({@code model.txt}) so far
   */
  @Override
  public TabularModel fit(
      EncodedData train, TabularTask task, int classes, TrainerParams params, BoostingProgress progress) {
    LightGBMModel.loadNatives();
    int rows = train.rows();
    int columns = rows == 0 ? 0 : train.x()[0].length;
    String parameters = parameters(task, classes, params);
    String text;
    try (LGBMDataset dataset = LGBMDataset.createFromMat(flat(train.x(), columns), rows, columns, true, parameters, null)) {
      dataset.setField("label", floats(train.y()));
      dataset.setField("weight", floats(train.weights()));
      try (LGBMBooster booster = LGBMBooster.create(dataset, parameters)) {
        for (int round = 0; round < params.trees(); round++) {
          boolean nothingLeftToSplit = booster.updateOneIter();
          progress.afterRound(round + 1, params.trees(), () -> text(booster).getBytes(StandardCharsets.UTF_8));
          if (nothingLeftToSplit) {
            // LightGBM found no split that gains anything: more rounds would add empty trees
            break;
          }
        }
        text = text(booster);
      }
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
    }
    return LightGBMModel.load(text, task, classes, columns);
  }

  /**
   * A model saved by {@link TabularModel#toBytes} (LightGBM's text form), for prediction:
   * {@code features} is the encoded width it was trained on.
   */
  public static TabularModel load(byte[] bytes, TabularTask task, int classes, int features) {
    return LightGBMModel.load(new String(bytes, StandardCharsets.UTF_8), task, classes, features);
  }

  /** LightGBM's {@code key=value} parameters, in a fixed order. */
  static String parameters(TabularTask task, int classes, TrainerParams params) {
    Map<String, Object> p = new LinkedHashMap<>();
    switch (task) {
      case BINARY -> p.put("objective", "binary");
      case MULTICLASS -> {
        p.put("objective", "multiclass");
        p.put("num_class", classes);
      }
      case REGRESSION -> p.put("objective", "regression");
    }
    p.put("num_iterations", params.trees());
    p.put("learning_rate", params.learningRate());
    if (params.maxDepth() == 0) {
      p.put("max_depth", -1);
      p.put("num_leaves", DEFAULT_LEAVES);
    } else {
      // as many leaves as the depth allows, so max_depth is the bound, as in the other trainers
      p.put("max_depth", params.maxDepth());
      p.put("num_leaves", params.maxDepth() >= 17 ? MAX_LEAVES : Math.max(2, 1 << params.maxDepth()));
    }
    p.put("min_sum_hessian_in_leaf", params.minChildWeight());
    p.put("bagging_fraction", params.subsample());
    p.put("bagging_freq", params.subsample() < 1.0 ? 1 : 0);
    p.put("seed", seed(params.seed()));
    p.put("deterministic", true);
    // LightGBM otherwise times both histogram layouts and keeps the faster: a model that could
    // depend on the machine's load
    p.put("force_row_wise", true);
    p.put("num_threads", THREADS);
    p.put("verbosity", -1);
    return p.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** LightGBM's seed is a 32-bit int; small seeds stay themselves. */
  private static int seed(long seed) {
    return Math.floorMod(Long.hashCode(seed), Integer.MAX_VALUE);
  }

  private static String text(LGBMBooster booster) {
    String text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    if (text == null || text.isEmpty()) {
      throw new IllegalStateException("LightGBM could not save its model");
    }
    return text;
  }

  private static double[] flat(double[][] x, int columns) {
    double[] flat = new double[x.length * columns];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * columns, columns);
    }
    return flat;
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
