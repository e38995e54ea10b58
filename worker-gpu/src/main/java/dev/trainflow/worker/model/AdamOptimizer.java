package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam with Keras's defaults (beta1 0.9, beta2 0.999, epsilon 1e-7). The bias-correction powers
 * beta^t are variables too, updated after each step as TF1's AdamOptimizer did, so a checkpoint
 * holds the step count implicitly.
 */
public final class AdamOptimizer implements Optimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-7f;
  private static final String BETA1_POWER = "adam/beta1_power";
  private static final String BETA2_POWER = "adam/beta2_power";

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public List<VariableSpec> slots(List<VariableSpec> modelVariables) {
    List<VariableSpec> slots = new ArrayList<>();
    for (VariableSpec variable : modelVariables) {
      slots.add(VariableSpec.constant(firstMoment(variable), variable.shape(), 0f));
      slots.add(VariableSpec.constant(secondMoment(variable), variable.shape(), 0f));
    }
    slots.add(VariableSpec.constant(BETA1_POWER, List.of(), BETA1));
    slots.add(VariableSpec.constant(BETA2_POWER, List.of(), BETA2));
    return slots;
  }

  @Override
  public Op minimize(
      Ops tf, List<VariableSpec> modelVariables, Map<String, Variable<TFloat32>> variables, List<Operand<TFloat32>> gradients,
      Operand<TFloat32> rate) {
    Variable<TFloat32> beta1Power = variables.get(BETA1_POWER);
    Variable<TFloat32> beta2Power = variables.get(BETA2_POWER);
    Operand<TFloat32> beta1 = tf.constant(BETA1);
    Operand<TFloat32> beta2 = tf.constant(BETA2);
    Operand<TFloat32> epsilon = tf.constant(EPSILON);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < modelVariables.size(); i++) {
      VariableSpec spec = modelVariables.get(i);
      updates.add(
          tf.train.applyAdam(
              variables.get(spec.name()),
              variables.get(firstMoment(spec)),
              variables.get(secondMoment(spec)),
              beta1Power,
              beta2Power,
              rate,
              beta1,
              beta2,
              epsilon,
              gradients.get(i)));
    }
    // the powers advance only after every variable used this step's values
    Ops afterUpdates = tf.withControlDependencies(updates);
    List<Op> powers =
        List.of(
            afterUpdates.assign(beta1Power, afterUpdates.math.mul(beta1Power, beta1)),
            afterUpdates.assign(beta2Power, afterUpdates.math.mul(beta2Power, beta2)));
    return tf.withControlDependencies(powers).noOp();
  }

  private static String firstMoment(VariableSpec variable) {
    return "adam/m/" + variable.name();
  }

  private static String secondMoment(VariableSpec variable) {
    return "adam/v/" + variable.name();
  }
}
