package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Plain gradient descent: no state besides the weights. */
public final class SgdOptimizer implements Optimizer {

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public List<VariableSpec> slots(List<VariableSpec> modelVariables) {
    return List.of();
  }

  @Override
  public Op minimize(
      Ops tf, List<VariableSpec> modelVariables, Map<String, Variable<TFloat32>> variables, List<Operand<TFloat32>> gradients,
      Operand<TFloat32> rate) {
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < modelVariables.size(); i++) {
      updates.add(tf.train.applyGradientDescent(variables.get(modelVariables.get(i).name()), rate, gradients.get(i)));
    }
    return tf.withControlDependencies(updates).noOp();
  }
}
