package dev.trainflow.worker.export;

import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.worker.model.VariableSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A serving-only graph under construction: the variables it needs (and nothing of training: no
 * optimizer slots, no gradients), loaded with the trained values through placeholder-fed
 * assigns, then exported as a SavedModel with the signatures built on it. The exporter saves the
 * variables' values next to the graph, so loading restores them without any initializer.
 */
final class ServingGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Ops tf;
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> assignInputs = new LinkedHashMap<>();
  private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();

  ServingGraph() {
    this.tf = Ops.create(graph);
    this.session = new Session(graph);
  }

  Ops ops() {
    return tf;
  }

  /** Creates a variable per spec; their values come with {@link #load}. */
  Map<String, Variable<TFloat32>> variables(List<VariableSpec> specs) {
    Ops scope = tf.withSubScope("variables");
    for (VariableSpec spec : specs) {
      Variable<TFloat32> variable = scope.variable(Shape.of(spec.dims()), TFloat32.class);
      Placeholder<TFloat32> input = scope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.dims())));
      variables.put(spec.name(), variable);
      assignInputs.put(spec.name(), input);
      assigns.put(spec.name(), scope.assign(variable, input));
    }
    return variables;
  }

  /** Writes every created variable's value from {@code values} (by name). */
  void load(Map<String, NamedTensor> values) {
    Session.Runner runner = session.runner();
    List<TFloat32> open = new java.util.ArrayList<>();
    try {
      for (Map.Entry<String, Placeholder<TFloat32>> input : assignInputs.entrySet()) {
        NamedTensor value = values.get(input.getKey());
        if (value == null) {
          throw new IllegalArgumentException("no trained value for variable '" + input.getKey() + "'");
        }
        long[] dims = new long[value.shape().length];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = value.shape()[d];
        }
        TFloat32 tensor = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(value.values(), true, false));
        open.add(tensor);
        runner.feed(input.getValue(), tensor);
        runner.addTarget(assigns.get(input.getKey()));
      }
      if (!runner.isEmpty()) {
        runner.run().close();
      }
    } finally {
      open.forEach(TFloat32::close);
    }
  }

  void export(Path folder, Signature... signatures) throws IOException {
    SavedModelBundle.exporter(folder.toString()).withSession(session).withSignatures(signatures).export();
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
