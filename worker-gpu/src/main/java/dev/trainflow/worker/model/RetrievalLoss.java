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
 * candidate and every other candidate of the batch is a negative. logits = Q·Cᵀ − log p(c), where
 * p(c) is how often candidate c appears in training batches (TFRS's {@code
 * candidate_sampling_probability}, the "logQ" correction of Yi et al. 2019): without it popular
 * candidates are over-represented as negatives and the model learns to bury exactly the
 * candidates that a popularity list recommends. The loss is the SUM over rows of logsumexp(row) −
 * diagonal. A sum, not a mean: with a mean the gradients shrink by the batch size and Adagrad at
 * 0.1 stays at chance. The logsumexp is built by hand because SparseSoftmaxCrossEntropyWithLogits
 * has no gradient in TensorFlow Java (and the dense fused kernel measured slower).
 */
final class RetrievalLoss {
  private RetrievalLoss() {}

  /**
   * @param logSamplingProbabilities log p(c) of each row's candidate, shape [batch]; zeros give the
   *     uncorrected loss
   */
  static Operand<TFloat32> build(
      Ops tf, Operand<TFloat32> queries, Operand<TFloat32> candidates, Operand<TFloat32> logSamplingProbabilities) {
    Operand<TFloat32> logits =
        tf.math.sub(
            tf.linalg.matMul(queries, candidates, MatMul.transposeB(true)),
            tf.reshape(logSamplingProbabilities, tf.constant(new int[] {1, -1})));
    Operand<TInt32> rowAxis = tf.constant(new int[] {1});
    // the max only stabilises exp(); it cancels out of the value, so it needs no gradient
    Operand<TFloat32> rowMax = tf.stopGradient(tf.reduceMax(logits, rowAxis, ReduceMax.keepDims(true)));
    Operand<TFloat32> logSumExp =
        tf.math.add(
            tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(logits, rowMax)), rowAxis)),
            tf.squeeze(rowMax, Squeeze.axis(List.of(1L))));
    Operand<TFloat32> positives =
        tf.math.sub(tf.reduceSum(tf.math.mul(queries, candidates), rowAxis), logSamplingProbabilities);
    return tf.reduceSum(tf.math.sub(logSumExp, positives), tf.constant(new int[] {0}));
  }
}
