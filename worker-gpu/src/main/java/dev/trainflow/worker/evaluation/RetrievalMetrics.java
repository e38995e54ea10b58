package dev.trainflow.worker.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retrieval quality on one split: the in-batch loss per example (null for a baseline without a
 * loss) and recall@K over the whole catalog.
 */
public record RetrievalMetrics(
    Double loss, double recallAt5, double recallAt10, double recallAt50, double recallAt100, long examples) {

  public static final int[] CUTOFFS = {5, 10, 50, 100};

  /** The metrics under the evaluator's names: {@code loss}, {@code recall_at_5}, ... */
  public Map<String, Double> toMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    if (loss != null) {
      map.put("loss", loss);
    }
    map.put("recall_at_5", recallAt5);
    map.put("recall_at_10", recallAt10);
    map.put("recall_at_50", recallAt50);
    map.put("recall_at_100", recallAt100);
    return map;
  }
}
