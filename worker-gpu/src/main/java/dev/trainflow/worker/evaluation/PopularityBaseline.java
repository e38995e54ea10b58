package dev.trainflow.worker.evaluation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a retrieval model must beat: recommend the most frequent training candidates to
 * everyone. Ties in frequency go to the smaller id, so the list is deterministic.
 */
public final class PopularityBaseline {
  public static final int LIST_SIZE = 100;
  private final Map<String, Integer> ranks = new HashMap<>();
  private final List<String> topCandidates;

  private PopularityBaseline(List<String> topCandidates) {
    this.topCandidates = topCandidates;
    for (int i = 0; i < topCandidates.size(); i++) {
      ranks.put(topCandidates.get(i), i);
    }
  }

  /** The {@value #LIST_SIZE} most frequent of {@code trainCandidateIds}. */
  public static PopularityBaseline fit(String[] trainCandidateIds) {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : trainCandidateIds) {
      counts.merge(id, 1, Integer::sum);
    }
    List<String> top =
        counts.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey))
            .limit(LIST_SIZE)
            .map(Map.Entry::getKey)
            .toList();
    return new PopularityBaseline(top);
  }

  public List<String> topCandidates() {
    return topCandidates;
  }

  /** Recall@K of the popularity list on rows whose candidates are {@code candidateIds}. */
  public RetrievalMetrics evaluate(String[] candidateIds) {
    RecallCounter recall = new RecallCounter();
    for (String id : candidateIds) {
      recall.record(ranks.getOrDefault(id, -1));
    }
    return recall.metrics(null);
  }
}
