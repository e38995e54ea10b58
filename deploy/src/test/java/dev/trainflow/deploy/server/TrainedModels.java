package dev.trainflow.deploy.server;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.ExportFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models trained and exported once per test JVM by the product's own trainer on the worker's
 * synthetic B2B fixture: a multitask model (retrieval top 100 as serving_default, ranking as
 * {@code rank}) and a ranking model. Test rows come from each fixture's test split.
 */
final class TrainedModels {
  private static Trained multitask;
  private static Trained ranking;

  /** An exported model folder ({@code <run>/model/}) and raw rows of its test split, as JSON-ready maps. */
  record Trained(Path exportFolder, List<Map<String, Object>> testRows, List<String> candidateIds) {
    /** Mutable copies of test rows {@code [from, from + count)}. */
    List<Map<String, Object>> rows(int from, int count) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map<String, Object> row : testRows.subList(from, from + count)) {
        rows.add(new LinkedHashMap<>(row));
      }
      return rows;
    }
  }

  private TrainedModels() {}

  static synchronized Trained multitask() {
    if (multitask == null) {
      multitask = train("multitask", 501);
    }
    return multitask;
  }

  static synchronized Trained ranking() {
    if (ranking == null) {
      ranking = train("ranking", 502);
    }
    return ranking;
  }

  private static Trained train(String type, long runId) {
    try {
      Path root = Files.createTempDirectory("model-server-tests-" + type);
      LocalArtifactStore store = new LocalArtifactStore(root);
      ExportFixtures.Trained trained =
          "ranking".equals(type) ? ExportFixtures.trainRanking(store, runId) : ExportFixtures.trainMultitask(store, runId);
      CsvTable test = CsvTable.parse(store.read(trained.fixture().examples().test().uri()));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String[] cells : test.rows().subList(0, 40)) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < test.header().size(); i++) {
          String column = test.header().get(i);
          String cell = cells[i];
          row.put(
              column,
              switch (column) {
                case "revenue", "price" -> cell.isEmpty() ? null : Double.parseDouble(cell);
                case "timestamp", "quantity", "rating" -> Long.parseLong(cell);
                default -> cell;
              });
        }
        rows.add(row);
      }
      CsvTable candidates = CsvTable.parse(store.read(trained.fixture().examples().candidates().uri()));
      List<String> ids = List.of(candidates.values("product_id"));
      return new Trained(root.resolve("runs/" + runId + "/model"), rows, ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
