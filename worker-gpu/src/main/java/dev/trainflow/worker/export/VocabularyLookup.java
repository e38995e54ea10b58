package dev.trainflow.worker.export;

import dev.trainflow.worker.data.StringHashing;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A vocabulary lookup for the exported graph made of constants only, because the SavedModel
 * exporter writes no table initializers (a HashTable is uninitialised after loading): the tokens'
 * 63-bit FarmHash fingerprints (StringToHashBucketFast over 2^63 − 1 buckets) sorted in a constant,
 * their indices in another; a value's index is found by binary search (LowerBound) and confirmed
 * by comparing fingerprints, so an unknown value gets 0, the out-of-vocabulary row. O(log V) per
 * value and 12 bytes per token, for vocabularies of any size.
 */
final class VocabularyLookup {
  private final long[] sortedHashes;
  private final int[] indices;

  private VocabularyLookup(long[] sortedHashes, int[] indices) {
    this.sortedHashes = sortedHashes;
    this.indices = indices;
  }

  /** Fails when two tokens share a fingerprint (odds about V² / 2^64), so the lookup is exact. */
  static VocabularyLookup of(List<String> vocabulary, String feature) {
    long[] hashes = StringHashing.buckets(vocabulary.toArray(new String[0]), Long.MAX_VALUE);
    Integer[] order = new Integer[hashes.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
    long[] sorted = new long[hashes.length];
    int[] indices = new int[hashes.length];
    Map<Long, String> seen = new HashMap<>();
    for (int i = 0; i < order.length; i++) {
      sorted[i] = hashes[order[i]];
      indices[i] = order[i] + 1;
      String other = seen.put(sorted[i], vocabulary.get(order[i]));
      if (other != null) {
        throw new IllegalStateException(
            "feature '" + feature + "': tokens '" + other + "' and '" + vocabulary.get(order[i]) + "' share a fingerprint");
      }
    }
    return new VocabularyLookup(sorted, indices);
  }

  /** The vocabulary index of each value of {@code values} (any shape, flattened to [n]): position + 1, or 0. */
  Operand<TInt32> indices(Ops tf, Operand<TString> values) {
    Operand<TString> flat = tf.reshape(values, tf.constant(new int[] {-1}));
    if (sortedHashes.length == 0) {
      return tf.zerosLike(tf.dtypes.cast(tf.strings.toHashBucketFast(flat, 2L), TInt32.class));
    }
    Operand<TInt64> hashes = tf.strings.toHashBucketFast(flat, Long.MAX_VALUE);
    Operand<TInt64> sorted = tf.constant(sortedHashes);
    Operand<TInt32> found =
        tf.reshape(
            tf.lowerBound(tf.reshape(sorted, tf.constant(new int[] {1, -1})), tf.reshape(hashes, tf.constant(new int[] {1, -1}))),
            tf.constant(new int[] {-1}));
    Operand<TInt32> position = tf.math.minimum(found, tf.constant(sortedHashes.length - 1));
    Operand<TInt32> candidates = tf.gather(tf.constant(indices), position, tf.constant(0));
    return tf.select(
        tf.math.equal(tf.gather(sorted, position, tf.constant(0)), hashes), candidates, tf.zerosLike(candidates));
  }
}
