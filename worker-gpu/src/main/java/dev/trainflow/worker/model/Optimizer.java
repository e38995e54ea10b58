package dev.trainflow.worker.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A gradient-descent rule built from TensorFlow's raw training ops. Its slot variables (per-weight
 * state such as Adagrad's accumulators) live in the graph next to the weights, so checkpoints
 * carry them and a resumed run continues exactly where it stopped. The learning rate is an input
 * of every step, so a schedule can move it.
 */
public interface Optimizer {

  String name();

  /** The state this optimizer keeps, named after the variables it belongs to. */
  List<VariableSpec> slots(List<VariableSpec> modelVariables);

  /**
   * One update of every model variable.
   *
   * @param variables the model variables and the slots, by name
   * @param gradients the loss gradient of each of {@code modelVariables}, in the same order
   * @param learningRate this step's rate, a scalar
   */
  Op minimize(
      Ops tf,
      List<VariableSpec> modelVariables,
      Map<String, Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate);

  /** The optimizer a run names: {@code adagrad}, {@code sgd} or {@code adam}. */
  static Optimizer named(String name) {
    return switch (name == null ? "adagrad" : name.toLowerCase(Locale.ROOT)) {
      case "adagrad" -> new AdagradOptimizer();
      case "sgd" -> new SgdOptimizer();
      case "adam" -> new AdamOptimizer();
      default -> throw new IllegalArgumentException("unknown optimizer '" + name + "': use adagrad, sgd or adam");
    };
  }
}
