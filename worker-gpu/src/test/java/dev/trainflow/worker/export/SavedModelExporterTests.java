package dev.trainflow.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.ExportFixtures;
import dev.trainflow.worker.artifacts.TrainedModelStore;
import dev.trainflow.worker.data.CandidateSampling;
import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.EncodedSplit;
import dev.trainflow.worker.evaluation.SplitEvaluator;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.worker.model.TwoTowerModel;
import dev.trainflow.workflows.activities.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The export round-trips: TensorFlow Java's SavedModelBundle loads it and its signatures, fed the
 * raw columns of test rows, answer what the trained model computes from the encoded rows.
 */
class SavedModelExporterTests {
  private static final int ROWS = 40;
  @TempDir static Path root;
  static LocalArtifactStore store;
  static ExportFixtures.Trained trained;
  static CsvTable test;

  @BeforeAll
  static void trainAMultitaskModelWithEveryTransform() {
    store = new LocalArtifactStore(root);
    trained = ExportFixtures.trainMultitask(store, 170);
    CsvTable full = CsvTable.parse(store.read(trained.fixture().examples().test().uri()));
    List<String[]> rows = new ArrayList<>(full.rows().subList(0, ROWS));
    // an unknown customer, a missing revenue and tags, a product without tokens
    String[] odd = rows.get(0).clone();
    odd[full.column("customer_id")] = "never-seen";
    odd[full.column("revenue")] = "";
    odd[full.column("tags")] = "";
    rows.set(1, odd);
    test = new CsvTable(full.header(), rows);
  }

  @Test
  void shouldServeTheTop100OfTheTrainedModelFromRawQueryColumns() throws Exception {
    Path savedModel = modelFolder().resolve(SavedModelExporter.SAVED_MODEL);
    try (SavedModelBundle bundle = SavedModelBundle.loader(savedModel.toString()).withTags("serve").load();
        Inputs inputs = inputs(List.of("customer_id", "segment", "revenue", "timestamp", "city"));
        Result result = bundle.function("serving_default").call(inputs.tensors)) {
      TString ids = (TString) result.get("product_ids").orElseThrow();
      TFloat32 scores = (TFloat32) result.get("scores").orElseThrow();

      Expected expected = expectedScores();
      assertThat(ids.shape().asArray()).containsExactly(ROWS, 100);
      for (int row = 0; row < ROWS; row++) {
        for (int k = 0; k < 100; k++) {
          String id = ids.getObject(row, k);
          float score = scores.getFloat(row, k);
          assertThat(expected.score(row, id)).as("row %d rank %d (%s)", row, k, id).isCloseTo(score, within(1e-3f));
          if (k > 0) {
            assertThat(score).isLessThanOrEqualTo(scores.getFloat(row, k - 1));
          }
        }
        assertThat(scores.getFloat(row, 0)).isCloseTo(expected.best(row), within(1e-3f));
      }
    }
  }

  @Test
  void shouldServeTheRankingHeadAndEachTowerAlone() throws Exception {
    Path folder = modelFolder();
    List<String> columns = List.of("customer_id", "segment", "revenue", "timestamp", "city", "product_id", "tags", "price");
    try (SavedModelBundle bundle = SavedModelBundle.loader(folder.resolve(SavedModelExporter.SAVED_MODEL).toString()).withTags("serve").load();
        SavedModelBundle query = SavedModelBundle.loader(folder.resolve(SavedModelExporter.QUERY_MODEL).toString()).withTags("serve").load();
        Inputs inputs = inputs(columns);
        Inputs queryInputs = inputs(List.of("customer_id", "segment", "revenue", "timestamp", "city"));
        Result ranked = bundle.function(SavedModelExporter.RANK_SIGNATURE).call(inputs.tensors);
        Result embedded = query.function("serving_default").call(queryInputs.tensors);
        TwoTowerModel model = trainedModel()) {
      EncodedSplit encoded = encoded(model.architecture());
      float[] predictions = model.predictions(encoded.queries(), encoded.candidates());
      float[] embeddings = model.queryEmbeddings(encoded.queries());
      TFloat32 served = (TFloat32) ranked.get("predictions").orElseThrow();
      TFloat32 servedEmbeddings = (TFloat32) embedded.get("query_embedding").orElseThrow();
      int dim = model.architecture().embeddingDim();
      for (int row = 0; row < ROWS; row++) {
        assertThat(served.getFloat(row)).isCloseTo(predictions[row], within(1e-3f));
        for (int d = 0; d < dim; d++) {
          assertThat(servedEmbeddings.getFloat(row, d)).isCloseTo(embeddings[row * dim + d], within(1e-4f));
        }
      }
    }
  }

  @Test
  void shouldDescribeTheExportInModelMeta() throws Exception {
    Path folder = modelFolder();
    ModelMeta meta = JsonCodec.fromBytes(Files.readAllBytes(folder.resolve(ModelMeta.FILE_NAME)), ModelMeta.class);

    assertThat(meta.modelType()).isEqualTo("multitask");
    assertThat(meta.modelSha256()).isEqualTo(SavedModelExporter.folderSha256(folder.resolve(SavedModelExporter.SAVED_MODEL)));
    assertThat(meta.datasetChecksum()).isEqualTo(trained.fixture().examples().datasetChecksum());
    assertThat(meta.metrics().get("validation")).containsKeys("loss", "recall_at_100", "rmse");
    assertThat(meta.signatures()).extracting(ModelMeta.SignatureDescription::key).containsExactly("serving_default", "rank");
    assertThat(meta.signatures().get(0).inputs())
        .extracting(ModelMeta.TensorDescription::name, ModelMeta.TensorDescription::dtype)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("customer_id", "DT_STRING"),
            org.assertj.core.groups.Tuple.tuple("segment", "DT_STRING"),
            org.assertj.core.groups.Tuple.tuple("revenue", "DT_FLOAT"),
            org.assertj.core.groups.Tuple.tuple("timestamp", "DT_INT64"),
            org.assertj.core.groups.Tuple.tuple("city", "DT_STRING"));
    assertThat(Files.readAllLines(folder.resolve("vocabularies/candidates.txt"))).hasSize(trained.fixture().candidates());
    assertThat(Files.readAllLines(folder.resolve("vocabularies/query.customer_id.txt")).get(0)).isEmpty();
  }

  private static Path modelFolder() {
    return root.resolve("runs/170/model");
  }

  private static TwoTowerModel trainedModel() {
    TrainingResult result = trained.result();
    TrainedModelStore.Loaded loaded = new TrainedModelStore(store).read(result.modelUri());
    TwoTowerModel model = TwoTowerModel.forInference(loaded.description().architecture());
    model.load(loaded.weights());
    return model;
  }

  private static Catalog catalog(TwoTowerArchitecture architecture) {
    return Catalog.of(CsvTable.parse(store.read(trained.fixture().examples().candidates().uri())), "product_id", architecture.candidate());
  }

  private static EncodedSplit encoded(TwoTowerArchitecture architecture) {
    return EncodedSplit.of(
        "test", test, architecture, "customer_id", "product_id", "rating", catalog(architecture), CandidateSampling.of(new String[0]));
  }

  /** The trained model's score of every catalog candidate for each test row. */
  private static Expected expectedScores() {
    try (TwoTowerModel model = trainedModel()) {
      Catalog catalog = catalog(model.architecture());
      float[] embeddings = new SplitEvaluator(() -> {}).catalogEmbeddings(model, catalog);
      float[] scores = model.scores(encoded(model.architecture()).queries(), embeddings, model.candidateBiases());
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < catalog.size(); i++) {
        positions.put(catalog.id(i), i);
      }
      return new Expected(scores, catalog.size(), positions);
    }
  }

  private record Expected(float[] scores, int catalogSize, Map<String, Integer> positions) {
    float score(int row, String id) {
      return scores[row * catalogSize + positions.get(id)];
    }

    float best(int row) {
      float best = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < catalogSize; j++) {
        best = Math.max(best, scores[row * catalogSize + j]);
      }
      return best;
    }
  }

  /** The raw columns of the test rows as the signature takes them: strings, float32 (NaN for empty), int64. */
  private static Inputs inputs(List<String> columns) {
    Map<String, Tensor> tensors = new HashMap<>();
    for (String column : columns) {
      String[] cells = test.values(column);
      switch (column) {
        case "revenue", "price" -> {
          float[] values = new float[cells.length];
          for (int i = 0; i < cells.length; i++) {
            values[i] = cells[i].isEmpty() ? Float.NaN : Float.parseFloat(cells[i]);
          }
          tensors.put(column, TFloat32.vectorOf(values));
        }
        case "timestamp" -> tensors.put(column, TInt64.vectorOf(Arrays.stream(cells).mapToLong(Long::parseLong).toArray()));
        default -> tensors.put(column, TString.tensorOf(NdArrays.vectorOfObjects(cells)));
      }
    }
    return new Inputs(tensors);
  }

  private record Inputs(Map<String, Tensor> tensors) implements AutoCloseable {
    @Override
    public void close() {
      tensors.values().stream().sorted(Comparator.comparing(Object::hashCode)).forEach(Tensor::close);
    }
  }
}
