package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * tf.clip_by_global_norm: when the L2 norm over all gradients together exceeds the limit, every
 * gradient is scaled by limit / norm, so the step keeps its direction and only shrinks.
 */
final class GradientClipping {
  private GradientClipping() {}

  static List<Operand<TFloat32>> byGlobalNorm(Ops tf, List<Operand<TFloat32>> gradients, double limit) {
    Operand<TFloat32> squares = tf.constant(0f);
    for (Operand<TFloat32> gradient : gradients) {
      squares = tf.math.add(squares, tf.reduceSum(tf.math.square(gradient), allAxes(tf, gradient)));
    }
    Operand<TFloat32> clip = tf.constant((float) limit);
    Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(tf.math.sqrt(squares), clip));
    List<Operand<TFloat32>> clipped = new ArrayList<>(gradients.size());
    for (Operand<TFloat32> gradient : gradients) {
      clipped.add(tf.math.mul(gradient, scale));
    }
    return clipped;
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }
}
