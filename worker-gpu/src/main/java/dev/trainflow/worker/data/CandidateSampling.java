package dev.trainflow.worker.data;

import java.util.HashMap;
import java.util.Map;

/**
 * How often each candidate appears in training batches: its share of the train split's rows. The
 * loss subtracts log p(c) from every logit (see the model's RetrievalLoss); validation and test
 * losses use the same train-split shares so all losses measure the same objective. A candidate
 * the train split never shows counts as seen once.
 */
public final class CandidateSampling {
  private final Map<String, Integer> counts;
  private final double rows;

  private CandidateSampling(Map<String, Integer> counts, int rows) {
    this.counts = counts;
    this.rows = Math.max(1, rows);
  }

  public static CandidateSampling of(String[] trainCandidateIds) {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : trainCandidateIds) {
      counts.merge(id, 1, Integer::sum);
    }
    return new CandidateSampling(counts, trainCandidateIds.length);
  }

  /** log p(c) of each of {@code candidateIds}, in order. */
  public float[] logProbabilities(String[] candidateIds) {
    float[] out = new float[candidateIds.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.log(counts.getOrDefault(candidateIds[i], 1) / rows);
    }
    return out;
  }
}
