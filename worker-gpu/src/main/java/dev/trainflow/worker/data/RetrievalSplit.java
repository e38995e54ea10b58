package dev.trainflow.worker.data;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.model.RetrievalArchitecture;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.workflows.TrainingFailures;

/**
 * One split encoded for the towers: per row the query's inputs, the interacted candidate's inputs
 * (from the row's own denormalised columns), that candidate's log sampling probability for the
 * loss, and its position in the catalog (-1 when the catalog lacks it, a miss in recall).
 */
public record RetrievalSplit(
    String name,
    TowerInput queries,
    TowerInput candidates,
    String[] candidateIds,
    float[] logSamplingProbabilities,
    int[] catalogPositions) {

  public static RetrievalSplit of(
      String name,
      CsvTable table,
      RetrievalArchitecture architecture,
      String candidateIdColumn,
      Catalog catalog,
      CandidateSampling sampling) {
    String[] ids = candidateIds(name, table, candidateIdColumn);
    int[] positions = new int[ids.length];
    for (int r = 0; r < ids.length; r++) {
      positions[r] = catalog.positionOf(ids[r]);
    }
    return new RetrievalSplit(
        name,
        FeatureEncoder.encode(architecture.query(), table, name),
        FeatureEncoder.encode(architecture.candidate(), table, name),
        ids,
        sampling.logProbabilities(ids),
        positions);
  }

  /** The split's candidate id column; {@code data_validation} naming the split when it lacks it. */
  public static String[] candidateIds(String name, CsvTable table, String candidateIdColumn) {
    if (!table.has(candidateIdColumn)) {
      throw TrainingFailures.dataValidation(
          "the " + name + " split has no candidate id column '" + candidateIdColumn + "'; its columns are " + table.header());
    }
    return table.values(candidateIdColumn);
  }

  public int size() {
    return candidateIds.length;
  }

  /** The log sampling probabilities of rows {@code order[from..to)}. */
  public float[] logSamplingProbabilities(int[] order, int from, int to) {
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = logSamplingProbabilities[order[i]];
    }
    return out;
  }
}
