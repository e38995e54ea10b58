package dev.trainflow.worker.data;

import java.nio.charset.StandardCharsets;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Hash buckets computed by TensorFlow's own StringToHashBucketFast (FarmHash Fingerprint64 mod
 * buckets), so the buckets a cross gets in training are the ones the exported model computes
 * from the raw request values; a Java reimplementation could drift from it.
 */
public final class StringHashing {
  private StringHashing() {}

  /** The bucket in [0, buckets) of each value. */
  public static long[] buckets(String[] values, long buckets) {
    long[] out = new long[values.length];
    if (values.length == 0) {
      return out;
    }
    try (Graph graph = new Graph();
        Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TString> input = tf.placeholder(TString.class);
      Operand<TInt64> hashed = tf.strings.toHashBucketFast(input, buckets);
      try (TString tensor = TString.tensorOf(StandardCharsets.UTF_8, org.tensorflow.ndarray.NdArrays.vectorOfObjects(values));
          Result result = session.runner().feed(input, tensor).fetch(hashed).run()) {
        TInt64 hashes = (TInt64) result.get(0);
        for (int i = 0; i < out.length; i++) {
          out[i] = hashes.getLong(i);
        }
      }
    }
    return out;
  }
}
