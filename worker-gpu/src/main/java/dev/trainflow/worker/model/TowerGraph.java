package dev.trainflow.worker.model;

import dev.trainflow.workflows.activities.FeatureTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One tower's ops: a placeholder per feature (indices, or normalised floats of shape [n, 1]), the
 * embedding lookups, the concatenation, the dense layers and the optional L2 normalisation.
 */
final class TowerGraph {
  private final TowerSpec spec;
  private final List<Placeholder<?>> inputs;
  private final Operand<TFloat32> output;

  private TowerGraph(TowerSpec spec, List<Placeholder<?>> inputs, Operand<TFloat32> output) {
    this.spec = spec;
    this.inputs = inputs;
    this.output = output;
  }

  static TowerGraph build(Ops root, TowerSpec spec, Map<String, Variable<TFloat32>> variables, boolean l2Normalize) {
    Ops tf = root.withSubScope(spec.name());
    List<Placeholder<?>> inputs = new ArrayList<>();
    List<Operand<TFloat32>> vectors = new ArrayList<>();
    for (FeatureTransform feature : spec.features()) {
      if (feature.embeddingRows() > 0) {
        Placeholder<TInt32> indices = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        inputs.add(indices);
        vectors.add(tf.gather(variables.get(spec.embeddingName(feature)), indices, tf.constant(0)));
      } else {
        Placeholder<TFloat32> values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        inputs.add(values);
        vectors.add(values);
      }
    }
    Operand<TFloat32> x = vectors.size() == 1 ? vectors.get(0) : tf.concat(vectors, tf.constant(1));
    for (int i = 0; i < spec.layers().size(); i++) {
      x = dense(tf, x, variables, spec.name() + "/dense_" + i);
      if (i < spec.layers().size() - 1) {
        x = tf.nn.relu(x);
      }
    }
    if (spec.projection()) {
      x = dense(tf, x, variables, spec.name() + "/projection");
    }
    if (l2Normalize) {
      x = l2Normalize(tf, x);
    }
    return new TowerGraph(spec, inputs, x);
  }

  Operand<TFloat32> output() {
    return output;
  }

  /** Feeds {@code input} to the placeholders; the tensors join {@code open} to be closed after the run. */
  void feed(Session.Runner runner, TowerInput input, OpenTensors open) {
    if (input.features().size() != inputs.size()) {
      throw new IllegalArgumentException(
          "the " + spec.name() + " tower takes " + inputs.size() + " features, got " + input.features().size());
    }
    for (int i = 0; i < inputs.size(); i++) {
      FeatureValues feature = input.features().get(i);
      if (feature.isIndices()) {
        runner.feed(
            inputs.get(i),
            open.add(TInt32.tensorOf(Shape.of(feature.rows()), DataBuffers.of(feature.indices(), true, false))));
      } else {
        runner.feed(
            inputs.get(i),
            open.add(TFloat32.tensorOf(Shape.of(feature.rows(), 1), DataBuffers.of(feature.values(), true, false))));
      }
    }
  }

  private static Operand<TFloat32> dense(
      Ops tf, Operand<TFloat32> x, Map<String, Variable<TFloat32>> variables, String prefix) {
    return tf.math.add(tf.linalg.matMul(x, variables.get(prefix + "/kernel")), variables.get(prefix + "/bias"));
  }

  /** x / max(|x|, 1e-6), written with ops that all have C++ gradients. */
  private static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squaredNorm =
        tf.reduceSum(tf.math.square(x), tf.constant(new int[] {1}), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squaredNorm, tf.constant(1e-12f))));
  }
}
