package dev.trainflow.worker.evaluation;

/**
 * Counts hits at each cutoff of {@link RetrievalMetrics#CUTOFFS}: a row is a hit at K when its
 * candidate ranks within the top K. Ties rank the lower catalog position first, so the result does
 * not depend on sort stability.
 */
public final class RecallCounter {
  private final long[] hits = new long[RetrievalMetrics.CUTOFFS.length];
  private long rows;

  /**
   * Adds one row given its scores against the whole catalog.
   *
   * @param scores row-major [queries × catalog] scores
   * @param offset where this row's scores start
   * @param truth the row candidate's catalog position, -1 for a candidate outside the catalog
   */
  public void add(float[] scores, int offset, int catalogSize, int truth) {
    if (truth < 0) {
      record(-1);
      return;
    }
    float target = scores[offset + truth];
    int rank = 0;
    for (int j = 0; j < catalogSize; j++) {
      float score = scores[offset + j];
      if (score > target || (score == target && j < truth)) {
        rank++;
      }
    }
    record(rank);
  }

  /** Adds one row whose candidate has the 0-based {@code rank}; a negative rank is a miss. */
  public void record(int rank) {
    rows++;
    if (rank < 0) {
      return;
    }
    for (int k = 0; k < hits.length; k++) {
      if (rank < RetrievalMetrics.CUTOFFS[k]) {
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

  /** The recalls, with {@code loss} attached (null when there is none). */
  public RetrievalMetrics metrics(Double loss) {
    return new RetrievalMetrics(loss, recall(0), recall(1), recall(2), recall(3), rows);
  }
}
