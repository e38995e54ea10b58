package dev.trainflow.worker;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.TabularTrainingActivities;
import dev.trainflow.workflows.activities.TabularTrainingRequest;
import dev.trainflow.workflows.activities.TabularTrainingResult;
import dev.trainflow.worker.evaluation.GateReport;
import dev.trainflow.worker.evaluation.ThresholdGates;
import dev.trainflow.worker.tabular.CategoricalEncoding;
import dev.trainflow.worker.tabular.ClassWeights;
import dev.trainflow.worker.tabular.CrossValidationResult;
import dev.trainflow.worker.tabular.LightGBMTrainer;
import dev.trainflow.worker.tabular.RandomForestTrainer;
import dev.trainflow.worker.tabular.TabularDataException;
import dev.trainflow.worker.tabular.TabularFit;
import dev.trainflow.worker.tabular.TabularSpec;
import dev.trainflow.worker.tabular.TabularTrainer;
import dev.trainflow.worker.tabular.TabularTraining;
import dev.trainflow.worker.tabular.TrainerParams;
import dev.trainflow.worker.tabular.XGBoostTrainer;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tabular training for the {@code cpu} task queue: reads the Examples stage's train and test
 * splits, optionally cross-validates on the train split, trains on all of it, evaluates on the
 * test split, applies the threshold gates, and writes the model and its feature importance.
 *
 * <p>Heartbeats (and so notices cancellation) after every fold and stage. A retried attempt trains
 * again from the start: XGBoost can resume from a round checkpoint ({@code BoostingProgress}),
 * which this activity does not store yet.
 */
public final class TabularTrainingActivitiesImpl implements TabularTrainingActivities {
  /** The failure type of an attempt that stopped because its run was cancelled. */
  public static final String STOPPED = TabularAttempt.STOPPED;
  private final ArtifactStore store;
  private final FoldReporter folds;

  public TabularTrainingActivitiesImpl(ArtifactStore store) {
    this(store, FoldReporter.NONE);
  }

  public TabularTrainingActivitiesImpl(ArtifactStore store, FoldReporter folds) {
    this.store = store;
    this.folds = folds;
  }

  @Override
  public TabularTrainingResult trainTabular(TabularTrainingRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    TabularTrainer trainer = trainer(request.trainer());
    ThresholdGates gates;
    TrainerParams params;
    TabularSpec spec;
    try {
      gates = ThresholdGates.of(request.thresholds());
      params =
          new TrainerParams(
              request.trees(), request.maxDepth(), request.learningRate(), request.seed(), request.minChildWeight(),
              request.subsample());
      spec =
          new TabularSpec(
              request.label(), request.modelType(), request.categoricalColumns(), request.ignoredColumns(),
              request.categoricalEncoding() == null ? null : CategoricalEncoding.of(request.categoricalEncoding()),
              classWeights(request));
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.invalidConfig(e.getMessage());
    }
    CsvTable train = CsvTable.parse(store.read(request.trainUri()));
    CsvTable test = CsvTable.parse(store.read(request.testUri()));
    try {
      TabularAttempt attempt = new TabularAttempt(context, store, folds, trainer, request);
      // a fold can outlast the heartbeat timeout on large tables: boosting heartbeats every round
      TabularTraining training = new TabularTraining(train, spec).withProgress(attempt::afterRound);
      CrossValidationResult cv = null;
      if (request.cvFolds() >= 2) {
        attempt.startCrossValidation();
        cv = training.crossValidate(trainer, params, request.cvFolds(), attempt.foldsDone(), attempt::afterFold);
      }
      TabularFit fit = training.trainAndTest(trainer, params, test, attempt.startFinalFit());
      attempt.phase("writing artifacts");
      // the servable bundle: the library's model file plus tabular_model.json (encoder, columns,
      // classes); the URI is the folder's, which a model server serves as it is
      String modelUri = fit.bundle().writeTo(store, request.artifactPrefix() + "/model");
      String importanceUri =
          store.write(
              request.artifactPrefix() + "/feature_importance.json",
              JsonCodec.toJson(fit.result().importance()).getBytes(StandardCharsets.UTF_8));
      GateReport report = gates.evaluate(fit.result().metrics());
      List<TabularTrainingResult.Gate> verdicts =
          report.gates().stream()
              .map(g -> new TabularTrainingResult.Gate(g.gate(), g.metric(), g.threshold(), g.value(), g.passed()))
              .toList();
      Map<String, Object> evaluation = new LinkedHashMap<>();
      evaluation.put("trainer", trainer.name());
      evaluation.put("task", fit.result().task().name().toLowerCase(Locale.ROOT));
      evaluation.put("test_metrics", fit.result().metrics());
      evaluation.put("cv_folds", request.cvFolds());
      evaluation.put("cv_mean", cv == null ? Map.of() : cv.mean());
      evaluation.put("cv_std", cv == null ? Map.of() : cv.std());
      evaluation.put("gates", verdicts);
      evaluation.put("blessed", report.passed());
      evaluation.put("feature_importance", fit.result().importance());
      String evaluationUri =
          store.write(request.artifactPrefix() + "/evaluation/evaluation.json", JsonCodec.toBytes(evaluation));
      return new TabularTrainingResult(
          modelUri,
          importanceUri,
          trainer.name(),
          fit.result().task().name().toLowerCase(Locale.ROOT),
          fit.result().classLabels(),
          fit.result().metrics(),
          cv == null ? Map.of() : cv.mean(),
          cv == null ? Map.of() : cv.std(),
          new LinkedHashMap<>(fit.result().importance()),
          verdicts,
          report.passed(),
          evaluationUri);
    } catch (TabularDataException e) {
      throw TrainingFailures.dataValidation(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.invalidConfig(e.getMessage());
    }
  }

  private static TabularTrainer trainer(String name) {
    if (XGBoostTrainer.NAME.equals(name)) {
      return new XGBoostTrainer();
    }
    if (RandomForestTrainer.NAME.equals(name)) {
      return new RandomForestTrainer();
    }
    if (LightGBMTrainer.NAME.equals(name)) {
      return new LightGBMTrainer();
    }
    throw TrainingFailures.invalidConfig("trainer must be xgboost, random_forest or lightgbm, got '" + name + "'");
  }

  private static ClassWeights classWeights(TabularTrainingRequest request) {
    if (request.classWeights() == null) {
      return request.classWeightValues() == null ? ClassWeights.NONE : ClassWeights.of(request.classWeightValues());
    }
    if ("balanced".equals(request.classWeights())) {
      return ClassWeights.BALANCED;
    }
    throw new IllegalArgumentException("class_weights must be balanced or a map of label to weight, got '" + request.classWeights() + "'");
  }
}
