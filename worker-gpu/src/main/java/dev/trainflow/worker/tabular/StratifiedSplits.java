package dev.trainflow.worker.tabular;

import dev.trainflow.activities.data.DeterministicRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Seeded splits that keep every class's share in every part: each class's rows are shuffled on
 * their own and dealt round-robin. For regression all rows form one stratum (a plain shuffle).
 */
public final class StratifiedSplits {
  private StratifiedSplits() {}

  /** The fold (0..k-1) of each row. */
  public static int[] kFold(int[] strata, int k, long seed) {
    if (k < 2 || k > strata.length) {
      throw new IllegalArgumentException("folds must be between 2 and the number of rows (" + strata.length + "), got " + k);
    }
    int[] fold = new int[strata.length];
    int next = 0;
    for (List<Integer> rows : shuffledStrata(strata, seed)) {
      for (int row : rows) {
        // continuing the deal across classes keeps fold sizes within one of each other
        fold[row] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }

  /** Whether each row is held out: {@code fraction} of every stratum, rounded. */
  public static boolean[] holdout(int[] strata, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + fraction);
    }
    boolean[] test = new boolean[strata.length];
    for (List<Integer> rows : shuffledStrata(strata, seed)) {
      long held = Math.round(rows.size() * fraction);
      for (int i = 0; i < held; i++) {
        test[rows.get(i)] = true;
      }
    }
    return test;
  }

  private static List<List<Integer>> shuffledStrata(int[] strata, long seed) {
    TreeMap<Integer, List<Integer>> byStratum = new TreeMap<>();
    for (int i = 0; i < strata.length; i++) {
      byStratum.computeIfAbsent(strata[i], s -> new ArrayList<>()).add(i);
    }
    DeterministicRandom random = new DeterministicRandom(seed);
    List<List<Integer>> out = new ArrayList<>();
    for (List<Integer> rows : byStratum.values()) {
      for (int i = rows.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer swap = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, swap);
      }
      out.add(rows);
    }
    return out;
  }
}
