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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One tower of the training graph: placeholders for each feature's encoded values (indices,
 * index bags with weights, or dense floats), then {@link TowerOps#tower}.
 */
final class TowerGraph {
  private final TowerSpec spec;
  private final List<FeatureInputs> inputs;
  private final Operand<TFloat32> output;

  /** The placeholders of one feature: indices, or values, or a bag's indices and weights. */
  private record FeatureInputs(FeatureValues.Layout layout, Placeholder<TInt32> indices, Placeholder<TFloat32> floats) {}

  private TowerGraph(TowerSpec spec, List<FeatureInputs> inputs, Operand<TFloat32> output) {
    this.spec = spec;
    this.inputs = inputs;
    this.output = output;
  }

  static TowerGraph build(Ops root, TowerSpec spec, Map<String, Variable<TFloat32>> variables, boolean l2Normalize) {
    Ops tf = root.withSubScope(spec.name());
    List<FeatureInputs> inputs = new ArrayList<>();
    List<Operand<TFloat32>> vectors = new ArrayList<>();
    for (FeatureTransform feature : spec.features()) {
      FeatureValues.Layout layout = TowerOps.layoutOf(feature);
      switch (layout) {
        case INDEX -> {
          Placeholder<TInt32> indices = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
          inputs.add(new FeatureInputs(layout, indices, null));
          vectors.add(TowerOps.lookup(tf, variables.get(spec.embeddingName(feature)), indices));
        }
        case BAG -> {
          Placeholder<TInt32> indices = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
          Placeholder<TFloat32> weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
          inputs.add(new FeatureInputs(layout, indices, weights));
          vectors.add(TowerOps.bag(tf, variables.get(spec.embeddingName(feature)), indices, weights));
        }
        case DENSE -> {
          Placeholder<TFloat32> values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, feature.width())));
          inputs.add(new FeatureInputs(layout, null, values));
          vectors.add(values);
        }
      }
    }
    return new TowerGraph(spec, inputs, TowerOps.tower(tf, spec, variables, l2Normalize, vectors));
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
      FeatureInputs placeholders = inputs.get(i);
      FeatureValues feature = input.features().get(i);
      if (feature.layout() != placeholders.layout()) {
        throw new IllegalArgumentException(
            "feature " + i + " of the " + spec.name() + " tower takes " + placeholders.layout() + " values, got " + feature.layout());
      }
      int rows = feature.rows();
      switch (feature.layout()) {
        case INDEX -> runner.feed(
            placeholders.indices(), open.add(TInt32.tensorOf(Shape.of(rows), DataBuffers.of(feature.indices(), true, false))));
        case BAG -> {
          Shape shape = Shape.of(rows, feature.width());
          runner.feed(placeholders.indices(), open.add(TInt32.tensorOf(shape, DataBuffers.of(feature.indices(), true, false))));
          runner.feed(placeholders.floats(), open.add(TFloat32.tensorOf(shape, DataBuffers.of(feature.weights(), true, false))));
        }
        case DENSE -> runner.feed(
            placeholders.floats(),
            open.add(TFloat32.tensorOf(Shape.of(rows, feature.width()), DataBuffers.of(feature.values(), true, false))));
      }
    }
  }
}
