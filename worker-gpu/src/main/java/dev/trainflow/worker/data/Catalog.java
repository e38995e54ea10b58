package dev.trainflow.worker.data;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.workflows.TrainingFailures;
import java.util.HashMap;
import java.util.Map;

/** The candidates retrieval ranks over: their ids in catalog order and their encoded features. */
public final class Catalog {
  private final String[] ids;
  private final Map<String, Integer> positions;
  private final TowerInput features;

  private Catalog(String[] ids, Map<String, Integer> positions, TowerInput features) {
    this.ids = ids;
    this.positions = positions;
    this.features = features;
  }

  public static Catalog of(CsvTable table, String idColumn, TowerSpec candidateTower) {
    if (table.size() == 0) {
      throw TrainingFailures.dataValidation("the candidates catalog has no rows");
    }
    if (!table.has(idColumn)) {
      throw TrainingFailures.dataValidation(
          "the candidates catalog has no id column '" + idColumn + "'; its columns are " + table.header());
    }
    String[] ids = table.values(idColumn);
    Map<String, Integer> positions = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (positions.putIfAbsent(ids[i], i) != null) {
        throw TrainingFailures.dataValidation(
            "the candidates catalog lists '" + idColumn + "' = '" + ids[i] + "' twice (data rows "
                + (positions.get(ids[i]) + 1) + " and " + (i + 1) + ")");
      }
    }
    return new Catalog(ids, positions, FeatureEncoder.encode(candidateTower, table, "candidates"));
  }

  public int size() {
    return ids.length;
  }

  public String id(int position) {
    return ids[position];
  }

  /** The catalog position of {@code id}, or -1 when the catalog lacks it. */
  public int positionOf(String id) {
    return positions.getOrDefault(id, -1);
  }

  public TowerInput features() {
    return features;
  }
}
