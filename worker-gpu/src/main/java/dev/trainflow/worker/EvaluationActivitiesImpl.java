package dev.trainflow.worker;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.artifacts.ModelDescription;
import dev.trainflow.worker.artifacts.TrainedModelStore;
import dev.trainflow.worker.data.CandidateSampling;
import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.EncodedSplit;
import dev.trainflow.worker.data.SplitReader;
import dev.trainflow.worker.evaluation.BlessingPolicy;
import dev.trainflow.worker.evaluation.MeanLabelBaseline;
import dev.trainflow.worker.evaluation.PopularityBaseline;
import dev.trainflow.worker.evaluation.SeenCandidates;
import dev.trainflow.worker.evaluation.SplitEvaluator;
import dev.trainflow.worker.evaluation.SplitMetrics;
import dev.trainflow.worker.export.ModelMeta;
import dev.trainflow.worker.model.DevicePlacement;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.worker.model.TwoTowerModel;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.EvaluationActivities;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a trained model on the test split: the loss, recall@K over the whole catalog and over
 * each query's unseen candidates (retrieval), RMSE and MAE (ranking), the baseline on the same
 * rows (popularity; the training mean label), the lift over it, and the blessing ({@link
 * BlessingPolicy}). Adds the test metrics to the model's model_meta.json.
 */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
  private static final Logger log = LoggerFactory.getLogger(EvaluationActivitiesImpl.class);
  private final ArtifactStore store;

  public EvaluationActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public EvaluationResult evaluate(EvaluationRequest request) {
    TrainedModelStore.Loaded model = loadModel(request.training().modelUri());
    ModelDescription description = model.description();
    TwoTowerArchitecture architecture = description.architecture();
    SplitReader reader = new SplitReader(store);
    String queryId = description.queryIdColumn();
    String candidateId = description.candidateIdColumn();
    Catalog catalog = Catalog.of(reader.read("candidates", request.examples().candidates(), true), candidateId, architecture.candidate());
    CsvTable trainTable = reader.read("train", request.examples().train(), true);
    String[] trainCandidates = EncodedSplit.candidateIds("train", trainTable, candidateId);
    SeenCandidates seen = SeenCandidates.of(trainTable.values(queryId), positions(catalog, trainCandidates));
    CsvTable testTable = reader.read("test", request.examples().test(), true);
    EncodedSplit test =
        EncodedSplit.of(
            "test", testTable, architecture, queryId, candidateId, description.labelColumn(), catalog,
            CandidateSampling.of(trainCandidates));

    SplitMetrics metrics;
    try (TwoTowerModel towers = TwoTowerModel.forInference(architecture, DevicePlacement.sessionConfig(0), description.batchSize())) {
      towers.load(model.weights());
      metrics = new SplitEvaluator(() -> {}).evaluate(towers, test, catalog, description.batchSize(), seen);
    }
    Map<String, Double> baseline = new LinkedHashMap<>();
    if (architecture.retrieves()) {
      baseline.putAll(PopularityBaseline.fit(trainCandidates).evaluate(test.queryIds(), test.candidateIds(), seen, catalog).toMap());
    }
    if (architecture.ranks()) {
      baseline.putAll(MeanLabelBaseline.evaluate(architecture.labelMean(), test.labels()).toMap());
    }

    String modelType = architecture.modelType();
    EvaluatorConfig evaluator =
        (request.run().evaluatorConfig() != null ? request.run().evaluatorConfig() : EvaluatorConfig.empty()).withDefaults(modelType);
    Map<String, Double> values = metrics.toMap();
    Double value = values.get(evaluator.metric());
    if (value == null) {
      throw TrainingFailures.invalidConfig(
          "evaluator_config.metric '" + evaluator.metric() + "' is not measured for a " + modelType + " model; use one of "
              + EvaluatorConfig.metricsFor(modelType));
    }
    Map<String, Double> lift = BlessingPolicy.lift(values, baseline);
    boolean blessed = BlessingPolicy.blessed(evaluator, value, lift);
    String path = request.run().artifactPrefix() + "/evaluation/evaluation.json";
    EvaluationResult result =
        new EvaluationResult(
            evaluator.metric(), value, evaluator.blessingThreshold(), blessed, values, baseline, test.size(), store.uriOf(path),
            modelType, lift, evaluator.minLift(), description.modelEpoch());
    store.write(path, JsonCodec.toBytes(result));
    recordInModelMeta(request.run().artifactPrefix() + "/model/" + ModelMeta.FILE_NAME, values, baseline, lift, blessed);
    log.info("run {}: test {}", request.run().runId(), result.summary());
    return result;
  }

  private static int[] positions(Catalog catalog, String[] ids) {
    int[] positions = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      positions[i] = catalog.positionOf(ids[i]);
    }
    return positions;
  }

  /** Adds the test metrics, the baseline and the blessing to model_meta.json, when the export wrote one. */
  private void recordInModelMeta(
      String path, Map<String, Double> test, Map<String, Double> baseline, Map<String, Double> lift, boolean blessed) {
    String uri = store.uriOf(path);
    try {
      if (!store.exists(uri)) {
        return;
      }
      ModelMeta meta = JsonCodec.fromBytes(store.read(uri), ModelMeta.class);
      Map<String, Map<String, Double>> metrics = new LinkedHashMap<>(meta.metrics());
      metrics.put("test", test);
      metrics.put("baseline", baseline);
      metrics.put("lift", lift);
      byte[] updated = JsonCodec.toBytes(meta.withEvaluation(metrics, blessed));
      store.write(path, updated);
    } catch (UncheckedIOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot update " + uri + ": " + e.getMessage(), e);
    }
  }

  private TrainedModelStore.Loaded loadModel(String modelUri) {
    if (modelUri == null) {
      throw TrainingFailures.dataValidation("the training result names no model folder");
    }
    try {
      return new TrainedModelStore(store).read(modelUri);
    } catch (UncheckedIOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot read the model at " + modelUri + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.dataValidation("the model at " + modelUri + " is unusable: " + e.getMessage());
    }
  }
}
