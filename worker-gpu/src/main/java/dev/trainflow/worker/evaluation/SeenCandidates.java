package dev.trainflow.worker.evaluation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The catalog positions each query interacted with in the train split: excluded by the "unseen" recall. */
public final class SeenCandidates {
  private static final int[] NONE = new int[0];
  private final Map<String, int[]> byQuery;

  private SeenCandidates(Map<String, int[]> byQuery) {
    this.byQuery = byQuery;
  }

  public static SeenCandidates of(String[] trainQueryIds, int[] trainCatalogPositions) {
    Map<String, Set<Integer>> sets = new HashMap<>();
    for (int r = 0; r < trainQueryIds.length; r++) {
      if (trainCatalogPositions[r] >= 0) {
        sets.computeIfAbsent(trainQueryIds[r], q -> new LinkedHashSet<>()).add(trainCatalogPositions[r]);
      }
    }
    Map<String, int[]> byQuery = new HashMap<>(sets.size() * 2);
    sets.forEach((query, positions) -> byQuery.put(query, positions.stream().mapToInt(Integer::intValue).toArray()));
    return new SeenCandidates(byQuery);
  }

  public int[] of(String queryId) {
    return byQuery.getOrDefault(queryId, NONE);
  }

  /** How many queries have seen candidates. */
  public int queries() {
    return byQuery.size();
  }

}
