package dev.trainflow.worker.data;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.model.RetrievalArchitecture;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.workflows.TrainingFailures;

/**
 * One split encoded for the towers: per row the query's inputs, the interacted candidate's inputs
 * (from the row's own denormalised columns) and that candidate's position in the catalog (-1 when
 * the catalog lacks it, which counts as a miss in recall).
 */
public record RetrievalSplit(
    String name, TowerInput queries, TowerInput candidates, String[] candidateIds, int[] catalogPositions) {

  public static RetrievalSplit of(
      String name, CsvTable table, RetrievalArchitecture architecture, String candidateIdColumn, Catalog catalog) {
    if (!table.has(candidateIdColumn)) {
      throw TrainingFailures.dataValidation(
          "the " + name + " split has no candidate id column '" + candidateIdColumn + "'; its columns are " + table.header());
    }
    String[] ids = table.values(candidateIdColumn);
    int[] positions = new int[ids.length];
    for (int r = 0; r < ids.length; r++) {
      positions[r] = catalog.positionOf(ids[r]);
    }
    return new RetrievalSplit(
        name,
        FeatureEncoder.encode(architecture.query(), table, name),
        FeatureEncoder.encode(architecture.candidate(), table, name),
        ids,
        positions);
  }

  public int size() {
    return candidateIds.length;
  }
}
