package dev.trainflow.worker.evaluation;

/**
 * Counts hits at each cutoff of {@link RecallAtK#CUTOFFS}: a row is a hit at K when its candidate
 * ranks within the top K. Ties rank the lower catalog position first, so the result does not
 * depend on sort stability. Excluded candidates (the query's training interactions, for the
 * "unseen" recall) are skipped when ranking, except the row's own candidate.
 */
public final class RecallCounter {
  private final long[] hits = new long[RecallAtK.CUTOFFS.length];
  private long rows;

  /**
   * Adds one row given its scores against the whole catalog.
   *
   * @param scores row-major [queries × catalog] scores
   * @param offset where this row's scores start
   * @param truth the row candidate's catalog position, -1 for a candidate outside the catalog
   * @param excluded catalog positions not to rank (may hold {@code truth}), or null
   */
  public void add(float[] scores, int offset, int catalogSize, int truth, int[] excluded) {
    if (truth < 0) {
      record(-1);
      return;
    }
    float target = scores[offset + truth];
    int rank = 0;
    for (int j = 0; j < catalogSize; j++) {
      if (outranks(scores[offset + j], j, target, truth)) {
        rank++;
      }
    }
    if (excluded != null) {
      for (int j : excluded) {
        if (j != truth && outranks(scores[offset + j], j, target, truth)) {
          rank--;
        }
      }
    }
    record(rank);
  }

  public void add(float[] scores, int offset, int catalogSize, int truth) {
    add(scores, offset, catalogSize, truth, null);
  }

  private static boolean outranks(float score, int position, float target, int truth) {
    return score > target || (score == target && position < truth);
  }

  /** Adds one row whose candidate has the 0-based {@code rank}; a negative rank is a miss. */
  public void record(int rank) {
    rows++;
    if (rank < 0) {
      return;
    }
    for (int k = 0; k < hits.length; k++) {
      if (rank < RecallAtK.CUTOFFS[k]) {
        hits[k]++;
      }
    }
  }

  public long rows() {
    return rows;
  }

  public double recall(int cutoffIndex) {
    return rows == 0 ? 0.0 : (double) hits[cutoffIndex] / rows;
  }

  public RecallAtK recall() {
    double[] recalls = new double[hits.length];
    for (int k = 0; k < recalls.length; k++) {
      recalls[k] = recall(k);
    }
    return RecallAtK.of(recalls);
  }
}
