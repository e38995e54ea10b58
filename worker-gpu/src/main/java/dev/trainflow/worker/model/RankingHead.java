package dev.trainflow.worker.model;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ranking head of TFRS's ranking model: concat(query, candidate) → the ranking layers with
 * ReLU → one linear output, the predicted label. Shared by training and the exported model.
 */
public final class RankingHead {
  private RankingHead() {}

  /** The predicted label of each row, [n]. */
  public static Operand<TFloat32> predictions(
      Ops tf,
      TwoTowerArchitecture architecture,
      Map<String, ? extends Operand<TFloat32>> variables,
      Operand<TFloat32> queries,
      Operand<TFloat32> candidates) {
    Operand<TFloat32> x = tf.concat(List.of(queries, candidates), tf.constant(1));
    for (int i = 0; i < architecture.rankingLayers().size(); i++) {
      x = tf.nn.relu(TowerOps.dense(tf, x, variables, "ranking/dense_" + i));
    }
    Operand<TFloat32> output = TowerOps.dense(tf, x, variables, TwoTowerArchitecture.RANKING_OUTPUT);
    return tf.reshape(output, tf.constant(new int[] {-1}));
  }
}
