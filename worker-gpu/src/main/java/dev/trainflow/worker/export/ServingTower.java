package dev.trainflow.worker.export;

import dev.trainflow.worker.model.TimestampCycle;
import dev.trainflow.worker.model.TowerOps;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.workflows.activities.FeatureTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.strings.StringSplit;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * One tower of the exported graph, from raw column values to the tower's output, encoding each
 * feature as the trainer's FeatureEncoder does: vocabulary index (0 for unknown or empty), the
 * mean embedding of a multi-valued cell's tokens (a zero vector for none), the bucket (0 for NaN),
 * the normalised value (0 for NaN), sin and cos of each cycle's phase, the hash bucket of the
 * joined crossed cells.
 */
final class ServingTower {
  private ServingTower() {}

  static Operand<TFloat32> build(
      Ops root, TowerSpec spec, ServingColumns columns, Map<String, Variable<TFloat32>> variables, boolean l2Normalize) {
    Ops tf = root.withSubScope(spec.name());
    List<Operand<TFloat32>> vectors = new ArrayList<>();
    for (FeatureTransform feature : spec.features()) {
      Ops f = tf.withSubScope(feature.name());
      vectors.add(
          switch (feature.transform()) {
            case "embedding" -> feature.separator() != null
                ? bag(f, feature, columns, variables.get(spec.embeddingName(feature)))
                : TowerOps.lookup(
                    f, variables.get(spec.embeddingName(feature)),
                    VocabularyLookup.of(feature.vocabulary(), feature.name()).indices(f, columns.text(feature.column())));
            case "bucketize" -> TowerOps.lookup(f, variables.get(spec.embeddingName(feature)), bucket(f, feature, columns));
            case "cross" -> TowerOps.lookup(f, variables.get(spec.embeddingName(feature)), cross(f, feature, columns));
            case "cyclical" -> cyclical(f, feature, columns);
            default -> normalized(f, feature, columns);
          });
    }
    return TowerOps.tower(tf, spec, variables, l2Normalize, vectors);
  }

  private static Operand<TFloat32> bag(Ops tf, FeatureTransform feature, ServingColumns columns, Operand<TFloat32> table) {
    Operand<TString> cells = columns.text(feature.column());
    StringSplit split = tf.strings.stringSplit(cells, tf.constant(feature.separator()));
    Operand<TInt32> tokens = VocabularyLookup.of(feature.vocabulary(), feature.name()).indices(tf, split.values());
    Operand<TInt32> rows =
        tf.dtypes.cast(
            tf.reshape(tf.slice(split.indices(), tf.constant(new long[] {0, 0}), tf.constant(new long[] {-1, 1})), tf.constant(new int[] {-1})),
            TInt32.class);
    Operand<TInt32> batchSize = tf.size(cells);
    // StringSplit keeps an empty cell as one empty token; the trainer sees no token there
    Operand<TFloat32> present =
        tf.dtypes.cast(tf.math.notEqual(split.values(), tf.constant(""), new org.tensorflow.op.math.NotEqual.Options[0]), TFloat32.class);
    Operand<TFloat32> rowsOfTokens = tf.math.mul(TowerOps.lookup(tf, table, tokens), tf.expandDims(present, tf.constant(-1)));
    Operand<TFloat32> sums = tf.math.unsortedSegmentSum(rowsOfTokens, rows, batchSize);
    Operand<TFloat32> counts = tf.math.unsortedSegmentSum(present, rows, batchSize);
    Operand<TFloat32> divisor = tf.expandDims(tf.math.maximum(counts, tf.constant(1f)), tf.constant(-1));
    return tf.math.div(sums, divisor);
  }

  private static Operand<TInt32> bucket(Ops tf, FeatureTransform feature, ServingColumns columns) {
    Operand<TFloat32> x = columns.number(feature.column());
    Operand<TFloat32> boundaries = tf.constant(toFloats(feature.boundaries()));
    // bucket = number of boundaries <= x, as the trainer's binary search; NaN compares false: bucket 0
    Operand<TFloat32> atOrAbove =
        tf.dtypes.cast(
            tf.math.greaterEqual(tf.expandDims(x, tf.constant(-1)), tf.reshape(boundaries, tf.constant(new int[] {1, -1}))),
            TFloat32.class);
    return tf.dtypes.cast(tf.reduceSum(atOrAbove, tf.constant(new int[] {1})), TInt32.class);
  }

  private static Operand<TFloat32> normalized(Ops tf, FeatureTransform feature, ServingColumns columns) {
    Operand<TFloat32> x = columns.number(feature.column());
    double std = feature.std() > 0 ? feature.std() : 1.0;
    Operand<TFloat32> z = tf.math.div(tf.math.sub(x, tf.constant(feature.mean().floatValue())), tf.constant((float) std));
    Operand<TFloat32> missingIsMean = tf.select(tf.math.isNan(x), tf.zerosLike(z), z);
    return tf.expandDims(missingIsMean, tf.constant(-1));
  }

  private static Operand<TFloat32> cyclical(Ops tf, FeatureTransform feature, ServingColumns columns) {
    Operand<TInt64> seconds = columns.integer(feature.column());
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (String name : feature.cycles()) {
      TimestampCycle cycle = TimestampCycle.named(name);
      Operand<TInt64> within = tf.math.floorMod(tf.math.add(seconds, tf.constant(cycle.offsetSeconds())), tf.constant(cycle.periodSeconds()));
      Operand<TFloat64> angle =
          tf.math.mul(tf.dtypes.cast(within, TFloat64.class), tf.constant(2 * Math.PI / cycle.periodSeconds()));
      parts.add(tf.expandDims(tf.dtypes.cast(tf.math.sin(angle), TFloat32.class), tf.constant(-1)));
      parts.add(tf.expandDims(tf.dtypes.cast(tf.math.cos(angle), TFloat32.class), tf.constant(-1)));
    }
    return tf.concat(parts, tf.constant(1));
  }

  private static Operand<TInt32> cross(Ops tf, FeatureTransform feature, ServingColumns columns) {
    List<Operand<TString>> cells = feature.columns().stream().map(columns::text).toList();
    Operand<TString> joined = tf.strings.join(cells, org.tensorflow.op.strings.Join.separator(FeatureTransform.CROSS_SEPARATOR));
    return tf.dtypes.cast(tf.strings.toHashBucketFast(joined, (long) feature.hashBuckets()), TInt32.class);
  }

  private static float[] toFloats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }
}
