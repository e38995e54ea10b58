package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Adagrad as Keras defines it: accumulators start at 0.1, epsilon 1e-7 inside the root. */
public final class AdagradOptimizer implements Optimizer {
  static final float INITIAL_ACCUMULATOR = 0.1f;
  private static final float EPSILON = 1e-7f;

  @Override
  public String name() {
    return "adagrad";
  }

  @Override
  public List<VariableSpec> slots(List<VariableSpec> modelVariables) {
    List<VariableSpec> slots = new ArrayList<>();
    for (VariableSpec variable : modelVariables) {
      slots.add(VariableSpec.constant(accumulator(variable), variable.shape(), INITIAL_ACCUMULATOR));
    }
    return slots;
  }

  @Override
  public Op minimize(
      Ops tf, List<VariableSpec> modelVariables, Map<String, Variable<TFloat32>> variables, List<Operand<TFloat32>> gradients,
      Operand<TFloat32> rate) {
    Operand<TFloat32> epsilon = tf.constant(EPSILON);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < modelVariables.size(); i++) {
      VariableSpec spec = modelVariables.get(i);
      updates.add(
          tf.train.applyAdagradV2(
              variables.get(spec.name()), variables.get(accumulator(spec)), rate, epsilon, gradients.get(i)));
    }
    return tf.withControlDependencies(updates).noOp();
  }

  private static String accumulator(VariableSpec variable) {
    return "adagrad/accumulator/" + variable.name();
  }
}
