package dev.trainflow.worker.model;

import dev.trainflow.workflows.activities.FeatureTransform;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ops a tower is made of, shared by the training graph and the exported serving graph so the
 * two compute the same function: embedding lookups, the bag of a multi-valued feature, the dense
 * layers with ReLU between them, the projection and the L2 normalisation.
 */
public final class TowerOps {
  private TowerOps() {}

  /** How a feature's encoded values arrive: see {@link FeatureValues.Layout}. */
  public static FeatureValues.Layout layoutOf(FeatureTransform feature) {
    return switch (feature.transform()) {
      case "embedding" -> feature.separator() != null ? FeatureValues.Layout.BAG : FeatureValues.Layout.INDEX;
      case "bucketize", "cross" -> FeatureValues.Layout.INDEX;
      default -> FeatureValues.Layout.DENSE;
    };
  }

  /** Rows {@code indices} [n] of {@code table} → [n, dim]. */
  public static Operand<TFloat32> lookup(Ops tf, Operand<TFloat32> table, Operand<TInt32> indices) {
    return tf.gather(table, indices, tf.constant(0));
  }

  /** Σ_t weights[n, t] · table[indices[n, t]] → [n, dim]: a multi-valued feature's mean embedding. */
  public static Operand<TFloat32> bag(Ops tf, Operand<TFloat32> table, Operand<TInt32> indices, Operand<TFloat32> weights) {
    Operand<TFloat32> rows = tf.gather(table, indices, tf.constant(0));
    Operand<TFloat32> weighted = tf.math.mul(rows, tf.expandDims(weights, tf.constant(-1)));
    return tf.reduceSum(weighted, tf.constant(new int[] {1}));
  }

  /**
   * The tower on top of its feature vectors: concatenation, the layers (ReLU between them, none
   * after the last), or the projection to the embedding size, then the optional L2 normalisation.
   */
  public static Operand<TFloat32> tower(
      Ops tf,
      TowerSpec spec,
      Map<String, ? extends Operand<TFloat32>> variables,
      boolean l2Normalize,
      List<Operand<TFloat32>> featureVectors) {
    Operand<TFloat32> x = featureVectors.size() == 1 ? featureVectors.get(0) : tf.concat(featureVectors, tf.constant(1));
    for (int i = 0; i < spec.layers().size(); i++) {
      x = dense(tf, x, variables, spec.name() + "/dense_" + i);
      if (i < spec.layers().size() - 1) {
        x = tf.nn.relu(x);
      }
    }
    if (spec.projection()) {
      x = dense(tf, x, variables, spec.name() + "/projection");
    }
    return l2Normalize ? l2Normalize(tf, x) : x;
  }

  /** x · kernel + bias for the layer whose variables start with {@code prefix}. */
  public static Operand<TFloat32> dense(
      Ops tf, Operand<TFloat32> x, Map<String, ? extends Operand<TFloat32>> variables, String prefix) {
    return tf.math.add(tf.linalg.matMul(x, variables.get(prefix + "/kernel")), variables.get(prefix + "/bias"));
  }

  /** x / max(|x|, 1e-6), written with ops that all have C++ gradients. */
  public static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squaredNorm =
        tf.reduceSum(tf.math.square(x), tf.constant(new int[] {1}), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squaredNorm, tf.constant(1e-12f))));
  }
}
