package dev.trainflow.worker.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The in-batch softmax loss of TFRS's Retrieval task: each query's positive is its own row's
 * candidate and every other candidate of the batch is a negative. logits = Q·Cᵀ; the loss is the
 * SUM over rows of logsumexp(row) − diagonal. A sum, not a mean: with a mean the gradients shrink
 * by the batch size and Adagrad at 0.1 stays at chance. The logsumexp is built by hand because
 * SparseSoftmaxCrossEntropyWithLogits has no gradient in TensorFlow Java.
 */
final class RetrievalLoss {
  private RetrievalLoss() {}

  static Operand<TFloat32> build(Ops tf, Operand<TFloat32> queries, Operand<TFloat32> candidates) {
    Operand<TFloat32> logits = tf.linalg.matMul(queries, candidates, MatMul.transposeB(true));
    Operand<TInt32> rowAxis = tf.constant(new int[] {1});
    // the max only stabilises exp(); it cancels out of the value, so it needs no gradient
    Operand<TFloat32> rowMax = tf.stopGradient(tf.reduceMax(logits, rowAxis, ReduceMax.keepDims(true)));
    Operand<TFloat32> logSumExp =
        tf.math.add(
            tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(logits, rowMax)), rowAxis)),
            tf.squeeze(rowMax, Squeeze.axis(List.of(1L))));
    Operand<TFloat32> positives = tf.reduceSum(tf.math.mul(queries, candidates), rowAxis);
    return tf.reduceSum(tf.math.sub(logSumExp, positives), tf.constant(new int[] {0}));
  }
}
