package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SplitV;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The in-batch softmax loss of TFRS's Retrieval task, with its gradient written out instead of
 * differentiated by TensorFlow.
 *
 * <p>Each query's positive is its own row's candidate, every other candidate of the batch is a
 * negative: logits[i, j] = q_i · c_j + t_j, where the column term t_j is the candidate's bias (if
 * the model has one) minus log p(c_j), TFRS's {@code candidate_sampling_probability} correction
 * (the "logQ" correction of Yi et al. 2019): without it popular candidates are over-represented
 * as negatives and the model learns to bury exactly what a popularity list recommends. The loss is
 * the SUM over rows of −log softmax(logits)[i, i]. A sum, not a mean: with a mean the gradients
 * shrink by the batch size and Adagrad at 0.1 stays at chance.
 *
 * <p>The column term rides in the matmul: Q' = [Q, 1], C' = [C, t], logits = Q'·C'ᵀ. With S the
 * row softmax, dL/dlogits = S − I, so dL/dQ' = S·C' − C' and dL/dC' = Sᵀ·Q' − Q', whose last
 * column is dL/dt. Sᵀ·Q' is computed as (Q'ᵀ·S)ᵀ: TensorFlow's CPU matmul with the big operand
 * transposed took 230 ms at batch 8192, this takes 45 ms. The loss is −Σ log S[i, i], with S[i, i]
 * floored at 1e-37 so an underflow reads as a loss of 85 instead of infinity. One softmax, two
 * thin matmuls: autodiff of the same loss costs about ten passes over the batch × batch logits,
 * and SparseSoftmaxCrossEntropyWithLogits has no gradient in TensorFlow Java anyway.
 *
 * <p>Large batches go through in blocks of {@code blockRows} queries: each block's logits,
 * softmax and two matmuls, then the blocks' parts joined (dL/dQ') and summed (dL/dC'). The whole
 * batch × batch softmax at batch 8192 is 268 MB per tensor and the step is bound by memory
 * traffic; a 1024-row block's tensors are 32 MB. Blocks change only the summation order.
 *
 * @param loss the summed loss of the batch, a scalar
 * @param queryGradient dL/dQ, [n, d]
 * @param candidateGradient dL/dC, [n, d]
 * @param columnGradient dL/dt, [n]; null without a column term
 */
record InBatchSoftmax(
    Operand<TFloat32> loss,
    Operand<TFloat32> queryGradient,
    Operand<TFloat32> candidateGradient,
    Operand<TFloat32> columnGradient) {

  /**
   * @param queries the query tower's output, [n, d]
   * @param candidates the candidate tower's output for the same rows, [n, d]
   * @param columnTerm t, [n], or null for plain dot products
   * @param blocks how many row blocks cover the largest batch (1: the whole batch at once)
   * @param blockRows rows per block
   */
  static InBatchSoftmax build(
      Ops tf,
      Operand<TFloat32> queries,
      Operand<TFloat32> candidates,
      Operand<TFloat32> columnTerm,
      int dim,
      int blocks,
      int blockRows) {
    Operand<TFloat32> q = queries;
    Operand<TFloat32> c = candidates;
    if (columnTerm != null) {
      Operand<TInt32> rows = tf.slice(tf.shape(queries), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
      Operand<TFloat32> ones = tf.fill(tf.concat(List.of(rows, tf.constant(new int[] {1})), tf.constant(0)), tf.constant(1f));
      q = tf.concat(List.of(queries, ones), tf.constant(1));
      c = tf.concat(List.of(candidates, tf.reshape(columnTerm, tf.constant(new int[] {-1, 1}))), tf.constant(1));
    }
    Operand<TInt32> swap = tf.constant(new int[] {1, 0});
    Operand<TFloat32> gradQ;
    Operand<TFloat32> gradCTransposed;
    Operand<TFloat32> loss;
    if (blocks <= 1) {
      Block block = block(tf, q, c, 0);
      loss = block.loss();
      gradQ = block.queryPart();
      gradCTransposed = block.candidatePart();
    } else {
      // block i holds rows [i·blockRows, (i+1)·blockRows) of however many the batch has
      Operand<TInt32> n = tf.gather(tf.shape(q), tf.constant(0), tf.constant(0));
      List<Operand<TInt32>> sizes = new ArrayList<>();
      for (int i = 0; i < blocks; i++) {
        sizes.add(
            tf.math.minimum(
                tf.math.maximum(tf.math.sub(n, tf.constant(i * blockRows)), tf.constant(0)), tf.constant(blockRows)));
      }
      SplitV<TFloat32> split = tf.splitV(q, tf.stack(sizes), tf.constant(0), (long) blocks);
      List<Operand<TFloat32>> queryParts = new ArrayList<>();
      loss = null;
      gradCTransposed = null;
      for (int i = 0; i < blocks; i++) {
        Block block = block(tf, split.output().get(i), c, i * blockRows);
        loss = loss == null ? block.loss() : tf.math.add(loss, block.loss());
        gradCTransposed = gradCTransposed == null ? block.candidatePart() : tf.math.add(gradCTransposed, block.candidatePart());
        queryParts.add(block.queryPart());
      }
      gradQ = tf.concat(queryParts, tf.constant(0));
    }
    gradQ = tf.math.sub(gradQ, c);
    Operand<TFloat32> gradC = tf.math.sub(tf.linalg.transpose(gradCTransposed, swap), q);
    if (columnTerm == null) {
      return new InBatchSoftmax(loss, gradQ, gradC, null);
    }
    return new InBatchSoftmax(
        loss,
        columns(tf, gradQ, 0, dim),
        columns(tf, gradC, 0, dim),
        tf.reshape(columns(tf, gradC, dim, 1), tf.constant(new int[] {-1})));
  }

  /** One block of query rows: its summed loss, S_b·C' (its rows of dL/dQ' + C'), Q'_bᵀ·S_b (its share of (dL/dC' + Q')ᵀ). */
  private record Block(Operand<TFloat32> loss, Operand<TFloat32> queryPart, Operand<TFloat32> candidatePart) {}

  /** @param firstRow the block's first row in the batch: its positives lie on diagonal k = firstRow */
  private static Block block(Ops tf, Operand<TFloat32> q, Operand<TFloat32> c, int firstRow) {
    Operand<TFloat32> logits = tf.linalg.matMul(q, c, MatMul.transposeB(true));
    Operand<TFloat32> softmax = tf.nn.softmax(logits);
    // S[r, firstRow + r] for the block's rows: gather_nd also copes with the empty blocks of a short last batch
    Operand<TInt32> rows = tf.range(tf.constant(0), tf.gather(tf.shape(q), tf.constant(0), tf.constant(0)), tf.constant(1));
    Operand<TInt32> cells = tf.stack(List.of(rows, tf.math.add(rows, tf.constant(firstRow))), Stack.axis(1L));
    Operand<TFloat32> positives = tf.math.maximum(tf.gatherNd(softmax, cells), tf.constant(1e-37f));
    return new Block(
        tf.math.neg(tf.reduceSum(tf.math.log(positives), tf.constant(0))),
        tf.linalg.matMul(softmax, c),
        tf.linalg.matMul(q, softmax, MatMul.transposeA(true)));
  }

  private static Operand<TFloat32> columns(Ops tf, Operand<TFloat32> x, int from, int count) {
    return tf.slice(x, tf.constant(new int[] {0, from}), tf.constant(new int[] {-1, count}));
  }
}
