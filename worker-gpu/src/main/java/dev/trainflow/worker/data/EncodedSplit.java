package dev.trainflow.worker.data;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.worker.model.TrainingBatch;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.workflows.TrainingFailures;

/**
 * One split encoded for the towers: per row the query's inputs, the interacted candidate's inputs
 * (from the row's own denormalised columns), the ids of both, that candidate's log sampling
 * probability for the retrieval loss, its position in the catalog (-1 when the catalog lacks it,
 * a miss in recall) and the row's label (null without a label column).
 */
public record EncodedSplit(
    String name,
    TowerInput queries,
    TowerInput candidates,
    String[] queryIds,
    String[] candidateIds,
    float[] logSamplingProbabilities,
    int[] catalogPositions,
    float[] labels) {

  public static EncodedSplit of(
      String name,
      CsvTable table,
      TwoTowerArchitecture architecture,
      String queryIdColumn,
      String candidateIdColumn,
      String labelColumn,
      Catalog catalog,
      CandidateSampling sampling) {
    String[] ids = candidateIds(name, table, candidateIdColumn);
    int[] positions = new int[ids.length];
    for (int r = 0; r < ids.length; r++) {
      positions[r] = catalog.positionOf(ids[r]);
    }
    return new EncodedSplit(
        name,
        FeatureEncoder.encode(architecture.query(), table, name),
        FeatureEncoder.encode(architecture.candidate(), table, name),
        column(name, table, queryIdColumn, "query id"),
        ids,
        sampling.logProbabilities(ids),
        positions,
        architecture.ranks() ? labels(name, table, labelColumn) : null);
  }

  /** The split's candidate id column; {@code data_validation} naming the split when it lacks it. */
  public static String[] candidateIds(String name, CsvTable table, String candidateIdColumn) {
    return column(name, table, candidateIdColumn, "candidate id");
  }

  private static String[] column(String name, CsvTable table, String column, String what) {
    if (!table.has(column)) {
      throw TrainingFailures.dataValidation(
          "the " + name + " split has no " + what + " column '" + column + "'; its columns are " + table.header());
    }
    return table.values(column);
  }

  private static float[] labels(String name, CsvTable table, String labelColumn) {
    if (labelColumn == null) {
      throw TrainingFailures.invalidConfig("a ranking model needs feature_config.label_column");
    }
    String[] cells = column(name, table, labelColumn, "label");
    float[] labels = new float[cells.length];
    for (int r = 0; r < cells.length; r++) {
      double value;
      try {
        value = Double.parseDouble(cells[r].trim());
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!Double.isFinite(value)) {
        throw TrainingFailures.dataValidation(
            "the " + name + " split's label column '" + labelColumn + "' holds '" + cells[r] + "' in data row " + (r + 1)
                + ", not a finite number");
      }
      labels[r] = (float) value;
    }
    return labels;
  }

  public int size() {
    return candidateIds.length;
  }

  /** The rows {@code order[from..to)}: one shuffled training batch. */
  public TrainingBatch batch(int[] order, int from, int to) {
    return new TrainingBatch(
        queries.select(order, from, to),
        candidates.select(order, from, to),
        select(logSamplingProbabilities, order, from, to),
        select(catalogPositions, order, from, to),
        labels == null ? null : select(labels, order, from, to));
  }

  /** The contiguous rows {@code [from..to)}: one batch in file order. */
  public TrainingBatch range(int from, int to) {
    return new TrainingBatch(
        queries.range(from, to),
        candidates.range(from, to),
        java.util.Arrays.copyOfRange(logSamplingProbabilities, from, to),
        java.util.Arrays.copyOfRange(catalogPositions, from, to),
        labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to));
  }

  private static float[] select(float[] values, int[] order, int from, int to) {
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = values[order[i]];
    }
    return out;
  }

  private static int[] select(int[] values, int[] order, int from, int to) {
    int[] out = new int[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = values[order[i]];
    }
    return out;
  }
}
