package dev.trainflow.worker;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.artifacts.ModelDescription;
import dev.trainflow.worker.artifacts.TrainedModelStore;
import dev.trainflow.worker.data.CandidateSampling;
import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.RetrievalSplit;
import dev.trainflow.worker.data.SplitReader;
import dev.trainflow.worker.evaluation.PopularityBaseline;
import dev.trainflow.worker.evaluation.RetrievalEvaluator;
import dev.trainflow.worker.evaluation.RetrievalMetrics;
import dev.trainflow.worker.model.RetrievalArchitecture;
import dev.trainflow.worker.model.TwoTowerModel;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.EvaluationActivities;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a trained model on the test split: recall@K over the whole catalog and the in-batch
 * loss, the popularity baseline on the same rows, and the blessing ({@code metric >= threshold}).
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
    RetrievalArchitecture architecture = description.architecture();
    SplitReader reader = new SplitReader(store);
    String candidateId = description.candidateIdColumn();
    Catalog catalog = Catalog.of(reader.read("candidates", request.examples().candidates(), true), candidateId, architecture.candidate());
    String[] trainCandidates = RetrievalSplit.candidateIds("train", reader.read("train", request.examples().train(), true), candidateId);
    CsvTable testTable = reader.read("test", request.examples().test(), true);
    RetrievalSplit test =
        RetrievalSplit.of("test", testTable, architecture, candidateId, catalog, CandidateSampling.of(trainCandidates));

    RetrievalMetrics metrics;
    try (TwoTowerModel towers = TwoTowerModel.forInference(architecture)) {
      towers.load(model.weights());
      metrics = new RetrievalEvaluator(() -> {}).evaluate(towers, test, catalog, description.batchSize());
    }
    RetrievalMetrics baseline = PopularityBaseline.fit(trainCandidates).evaluate(test.candidateIds());

    EvaluatorConfig evaluator =
        (request.run().evaluatorConfig() != null ? request.run().evaluatorConfig() : EvaluatorConfig.empty()).withDefaults();
    Map<String, Double> values = metrics.toMap();
    Double value = values.get(evaluator.metric());
    if (value == null) {
      throw TrainingFailures.invalidConfig(
          "evaluator_config.metric '" + evaluator.metric() + "' is not measured for retrieval; use one of " + values.keySet());
    }
    boolean blessed = value >= evaluator.blessingThreshold();
    String path = request.run().artifactPrefix() + "/evaluation/evaluation.json";
    EvaluationResult result =
        new EvaluationResult(
            evaluator.metric(), value, evaluator.blessingThreshold(), blessed, values, baseline.toMap(), test.size(), store.uriOf(path));
    store.write(path, JsonCodec.toBytes(result));
    log.info(
        "run {}: test {} = {} (threshold {}, {}), popularity baseline {}",
        request.run().runId(), evaluator.metric(), value, evaluator.blessingThreshold(),
        blessed ? "blessed" : "not blessed", baseline.toMap().get(evaluator.metric()));
    return result;
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
