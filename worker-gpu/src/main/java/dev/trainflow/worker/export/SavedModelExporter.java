package dev.trainflow.worker.export;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.evaluation.SplitEvaluator;
import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.worker.model.RankingHead;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.worker.model.TwoTowerModel;
import dev.trainflow.worker.model.VariableSpec;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.run.CompiledRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Exports a trained model for serving, into {@code <run>/model/}:
 *
 * <ul>
 *   <li>{@code saved_model/}: a serving-only SavedModel (tag {@code serve}). For retrieval and
 *       multitask models, {@code serving_default} takes the raw query columns and returns {@code
 *       product_ids} (the candidates' original ids) and {@code scores} of the top {@value #TOP_K}
 *       by brute force over the precomputed catalog embeddings (plus the candidate bias); for
 *       ranking models, and as {@code rank} for multitask ones, a signature that takes the raw
 *       query and candidate columns and returns {@code predictions}, the predicted label;
 *   <li>{@code query_model/} and {@code candidate_model/}: each tower alone ({@code
 *       query_embedding}, {@code candidate_embedding});
 *   <li>{@code vocabularies/}: one text file per vocabulary (a token per line; line i is index i,
 *       index 0 the out-of-vocabulary row) and {@code candidates.txt}, the catalog in the order of
 *       the precomputed embeddings;
 *   <li>{@code model_meta.json} ({@link ModelMeta}).
 * </ul>
 *
 * <p>The graphs hold only what serving computes; vocabularies, boundaries and candidate ids are
 * constants, weights and catalog embeddings variables saved with the model.
 */
public final class SavedModelExporter {
  public static final int TOP_K = 100;
  public static final String SAVED_MODEL = "saved_model";
  public static final String QUERY_MODEL = "query_model";
  public static final String CANDIDATE_MODEL = "candidate_model";
  public static final String VOCABULARIES = "vocabularies";
  public static final String RANK_SIGNATURE = "rank";
  private static final String CATALOG_EMBEDDINGS = "serving/candidate_embeddings";

  private final ArtifactStore store;

  public SavedModelExporter(ArtifactStore store) {
    this.store = store;
  }

  /**
   * @param progress called between long parts, e.g. to heartbeat
   */
  public ModelExport export(
      CompiledRun run,
      ExamplesResult examples,
      TransformSpec transform,
      TwoTowerModel model,
      Catalog catalog,
      int modelEpoch,
      EpochMetrics metrics,
      Runnable progress) {
    TwoTowerArchitecture architecture = model.architecture();
    Map<String, NamedTensor> weights = new LinkedHashMap<>();
    model.read(model.modelVariables()).forEach(t -> weights.put(t.name(), t));
    Path local = null;
    try {
      local = Files.createTempDirectory("trainflow-export-");
      List<ModelMeta.SignatureDescription> signatures = new ArrayList<>();
      if (architecture.retrieves()) {
        float[] embeddings = new SplitEvaluator(progress).catalogEmbeddings(model, catalog);
        weights.put(
            CATALOG_EMBEDDINGS,
            new NamedTensor(CATALOG_EMBEDDINGS, new int[] {catalog.size(), architecture.embeddingDim()}, embeddings));
      }
      signatures.addAll(servingModel(local.resolve(SAVED_MODEL), architecture, examples, weights, catalog));
      progress.run();
      towerModel(local.resolve(QUERY_MODEL), architecture, architecture.query(), examples, weights, "query_embedding");
      towerModel(local.resolve(CANDIDATE_MODEL), architecture, architecture.candidate(), examples, weights, "candidate_embedding");
      writeVocabularies(local.resolve(VOCABULARIES), architecture, catalog);
      progress.run();

      String folder = run.artifactPrefix() + "/model";
      String savedModelUri = store.upload(folder + "/" + SAVED_MODEL, local.resolve(SAVED_MODEL));
      String queryUri = store.upload(folder + "/" + QUERY_MODEL, local.resolve(QUERY_MODEL));
      String candidateUri = store.upload(folder + "/" + CANDIDATE_MODEL, local.resolve(CANDIDATE_MODEL));
      String vocabulariesUri = store.upload(folder + "/" + VOCABULARIES, local.resolve(VOCABULARIES));
      Map<String, Map<String, Double>> allMetrics = new LinkedHashMap<>();
      allMetrics.put("validation", validationMetrics(metrics));
      ModelMeta meta =
          new ModelMeta(
              ModelMeta.FORMAT, run.runId(), run.runName(), architecture.modelType(), run.configSha256(),
              examples.datasetChecksum(), modelEpoch, allMetrics, folderSha256(local.resolve(SAVED_MODEL)), TOP_K, signatures,
              null);
      String metaUri = store.write(folder + "/" + ModelMeta.FILE_NAME, JsonCodec.toBytes(meta));
      return new ModelExport(savedModelUri, queryUri, candidateUri, vocabulariesUri, metaUri);
    } catch (IOException | UncheckedIOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot export the SavedModel: " + e.getMessage(), e);
    } finally {
      deleteQuietly(local);
    }
  }

  private static List<ModelMeta.SignatureDescription> servingModel(
      Path folder, TwoTowerArchitecture architecture, ExamplesResult examples, Map<String, NamedTensor> weights, Catalog catalog)
      throws IOException {
    try (ServingGraph graph = new ServingGraph()) {
      Ops tf = graph.ops();
      List<VariableSpec> needed = new ArrayList<>(architecture.variables());
      if (architecture.retrieves()) {
        needed.add(VariableSpec.of(CATALOG_EMBEDDINGS, List.of(catalog.size(), architecture.embeddingDim()), null));
      }
      Map<String, Variable<TFloat32>> variables = graph.variables(needed);
      graph.load(weights);
      List<Signature> signatures = new ArrayList<>();
      List<ModelMeta.SignatureDescription> descriptions = new ArrayList<>();
      if (architecture.retrieves()) {
        ServingColumns queryColumns = new ServingColumns(tf.withSubScope("retrieve"), examples.columns());
        Operand<TFloat32> queries =
            ServingTower.build(tf.withSubScope("retrieve"), architecture.query(), queryColumns, variables, architecture.l2Normalize());
        Ops top = tf.withSubScope("top_k");
        Operand<TFloat32> scores = top.linalg.matMul(queries, variables.get(CATALOG_EMBEDDINGS), MatMul.transposeB(true));
        if (architecture.candidateBias()) {
          scores =
              top.math.add(scores, top.reshape(variables.get(TwoTowerArchitecture.CANDIDATE_BIAS), top.constant(new int[] {1, -1})));
        }
        int k = Math.min(TOP_K, catalog.size());
        TopK<TFloat32, TInt32> best = top.nn.topK(scores, top.constant(k), new TopK.Options[0]);
        String[] ids = new String[catalog.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = catalog.id(i);
        }
        Operand<TString> productIds =
            top.gather(top.constant(StandardCharsets.UTF_8, ids), best.indices(), top.constant(0));
        Signature.Builder retrieve = Signature.builder().key(Signature.DEFAULT_KEY);
        List<ModelMeta.TensorDescription> inputs = describeInputs(queryColumns, retrieve);
        retrieve.output("product_ids", productIds).output("scores", best.values());
        signatures.add(retrieve.build());
        descriptions.add(
            new ModelMeta.SignatureDescription(
                Signature.DEFAULT_KEY,
                inputs,
                List.of(
                    new ModelMeta.TensorDescription("product_ids", "DT_STRING", List.of(-1, k)),
                    new ModelMeta.TensorDescription("scores", "DT_FLOAT", List.of(-1, k)))));
      }
      if (architecture.ranks()) {
        Ops scope = tf.withSubScope("rank");
        ServingColumns columns = new ServingColumns(scope, examples.columns());
        Operand<TFloat32> queries = ServingTower.build(scope, architecture.query(), columns, variables, architecture.l2Normalize());
        Operand<TFloat32> candidates =
            ServingTower.build(scope, architecture.candidate(), columns, variables, architecture.l2Normalize());
        Operand<TFloat32> predictions = RankingHead.predictions(scope, architecture, variables, queries, candidates);
        String key = architecture.retrieves() ? RANK_SIGNATURE : Signature.DEFAULT_KEY;
        Signature.Builder rank = Signature.builder().key(key);
        List<ModelMeta.TensorDescription> inputs = describeInputs(columns, rank);
        rank.output("predictions", predictions);
        signatures.add(rank.build());
        descriptions.add(
            new ModelMeta.SignatureDescription(key, inputs, List.of(new ModelMeta.TensorDescription("predictions", "DT_FLOAT", List.of(-1)))));
      }
      graph.export(folder, signatures.toArray(new Signature[0]));
      return descriptions;
    }
  }

  private static void towerModel(
      Path folder,
      TwoTowerArchitecture architecture,
      TowerSpec tower,
      ExamplesResult examples,
      Map<String, NamedTensor> weights,
      String output)
      throws IOException {
    try (ServingGraph graph = new ServingGraph()) {
      Ops tf = graph.ops();
      Map<String, Variable<TFloat32>> variables = graph.variables(tower.variables());
      graph.load(weights);
      ServingColumns columns = new ServingColumns(tf, examples.columns());
      Operand<TFloat32> embeddings = ServingTower.build(tf, tower, columns, variables, architecture.l2Normalize());
      Signature.Builder signature = Signature.builder().key(Signature.DEFAULT_KEY);
      describeInputs(columns, signature);
      graph.export(folder, signature.output(output, embeddings).build());
    }
  }

  private static List<ModelMeta.TensorDescription> describeInputs(ServingColumns columns, Signature.Builder signature) {
    List<ModelMeta.TensorDescription> inputs = new ArrayList<>();
    for (Map.Entry<String, Placeholder<? extends TType>> input : columns.inputs().entrySet()) {
      signature.input(input.getKey(), input.getValue());
      String dtype =
          switch (columns.type(input.getKey())) {
            case "string" -> "DT_STRING";
            case "float" -> "DT_FLOAT";
            default -> "DT_INT64";
          };
      inputs.add(new ModelMeta.TensorDescription(input.getKey(), dtype, List.of(-1)));
    }
    return inputs;
  }

  private static void writeVocabularies(Path folder, TwoTowerArchitecture architecture, Catalog catalog) throws IOException {
    Files.createDirectories(folder);
    for (TowerSpec tower : List.of(architecture.query(), architecture.candidate())) {
      for (FeatureTransform feature : tower.features()) {
        if (feature.vocabulary() != null) {
          List<String> lines = new ArrayList<>();
          lines.add("");
          lines.addAll(feature.vocabulary());
          Files.write(folder.resolve(tower.name() + "." + feature.name() + ".txt"), lines, StandardCharsets.UTF_8);
        }
      }
    }
    List<String> ids = new ArrayList<>(catalog.size());
    for (int i = 0; i < catalog.size(); i++) {
      ids.add(catalog.id(i));
    }
    Files.write(folder.resolve("candidates.txt"), ids, StandardCharsets.UTF_8);
  }

  private static Map<String, Double> validationMetrics(EpochMetrics m) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (m == null) {
      return metrics;
    }
    metrics.put("train_loss", m.trainLoss());
    putIfPresent(metrics, "loss", m.validationLoss());
    putIfPresent(metrics, "recall_at_5", m.recallAt5());
    putIfPresent(metrics, "recall_at_10", m.recallAt10());
    putIfPresent(metrics, "recall_at_50", m.recallAt50());
    putIfPresent(metrics, "recall_at_100", m.recallAt100());
    putIfPresent(metrics, "rmse", m.rmse());
    putIfPresent(metrics, "mae", m.mae());
    return metrics;
  }

  private static void putIfPresent(Map<String, Double> map, String key, Double value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** SHA-256 over each file's relative path and bytes, in path order. */
  static String folderSha256(Path folder) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> folder.relativize(p).toString())).toList();
      }
      byte[] buffer = new byte[1 << 16];
      for (Path file : files) {
        digest.update(folder.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try (InputStream in = Files.newInputStream(file)) {
          for (int read; (read = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, read);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
