package dev.trainflow.worker.evaluation;

import dev.trainflow.worker.data.Catalog;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a retrieval model must beat: recommend the most frequent training candidates to
 * everyone. Ties in frequency go to the smaller id, so the list is deterministic. The "unseen"
 * variant recommends the most frequent candidates the query has not interacted with in training.
 */
public final class PopularityBaseline {
  public static final int LIST_SIZE = 100;
  private final Map<String, Integer> ranks = new HashMap<>();
  private final List<String> ranking;

  private PopularityBaseline(List<String> ranking) {
    this.ranking = ranking;
    for (int i = 0; i < ranking.size(); i++) {
      ranks.put(ranking.get(i), i);
    }
  }

  /** Every candidate of {@code trainCandidateIds}, most frequent first. */
  public static PopularityBaseline fit(String[] trainCandidateIds) {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : trainCandidateIds) {
      counts.merge(id, 1, Integer::sum);
    }
    List<String> ranking =
        counts.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey)
            .toList();
    return new PopularityBaseline(ranking);
  }

  /** The {@value #LIST_SIZE} most frequent training candidates. */
  public List<String> topCandidates() {
    return ranking.subList(0, Math.min(LIST_SIZE, ranking.size()));
  }

  /** Recall@K of the popularity list on rows whose candidates are {@code candidateIds}. */
  public SplitMetrics evaluate(String[] candidateIds) {
    RecallCounter recall = new RecallCounter();
    for (String id : candidateIds) {
      recall.record(ranks.getOrDefault(id, -1));
    }
    return new SplitMetrics(null, recall.recall(), null, null, null, recall.rows());
  }

  /**
   * Recall@K over all candidates and over each query's unseen candidates, for the rows of a split.
   *
   * @param catalog maps the seen catalog positions back to ids
   */
  public SplitMetrics evaluate(String[] queryIds, String[] candidateIds, SeenCandidates seen, Catalog catalog) {
    RecallCounter all = new RecallCounter();
    RecallCounter unseen = new RecallCounter();
    for (int r = 0; r < candidateIds.length; r++) {
      Integer rank = ranks.get(candidateIds[r]);
      all.record(rank == null ? -1 : rank);
      if (rank == null) {
        unseen.record(-1);
        continue;
      }
      int ahead = 0;
      for (int position : seen.of(queryIds[r])) {
        String id = catalog.id(position);
        Integer seenRank = ranks.get(id);
        if (seenRank != null && seenRank < rank && !id.equals(candidateIds[r])) {
          ahead++;
        }
      }
      unseen.record(rank - ahead);
    }
    return new SplitMetrics(null, all.recall(), unseen.recall(), null, null, all.rows());
  }
}
