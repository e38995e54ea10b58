package dev.trainflow.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTests {

  @Test
  void shouldAcceptEveryNewTrainingParameterWithinItsRange() {
    TrainingParams params =
        new TrainingParams(20, 1024, 0.1, "adam", null, null, null, null, null, null, null, null, null, null,
            new EarlyStopping(3, 0.001, true), new LearningRateSchedule("warmup_cosine", null, null, 0.001, 2.0), 5.0, "17");

    assertThat(new SpecValidator().trainingParams("training_params", params).errors()).isEmpty();
  }

  @Test
  void shouldNameEachBadTrainingParameter() {
    TrainingParams params =
        new TrainingParams(5, 1024, 0.1, null, null, null, null, null, null, null, null, null, null, null,
            new EarlyStopping(0, -1.0, null), new LearningRateSchedule("step", 1.5, 0, 0.2, 5.0), -1.0, "not a uri");

    assertThat(fields(new SpecValidator().trainingParams("training_params", params)))
        .containsExactlyInAnyOrder(
            "training_params.early_stopping.patience",
            "training_params.early_stopping.min_delta",
            "training_params.lr_schedule.type",
            "training_params.lr_schedule.factor",
            "training_params.lr_schedule.patience",
            "training_params.lr_schedule.min_lr",
            "training_params.lr_schedule.warmup_epochs",
            "training_params.gradient_clip_norm",
            "training_params.warm_start_from");
  }

  @Test
  void shouldAcceptARunIdOrAUriToWarmStartFrom() {
    for (String from : List.of("3", "file:/tmp/runs/3/model", "gs://bucket/runs/3/model")) {
      assertThat(new SpecValidator().trainingParams("p", params(from)).errors()).as(from).isEmpty();
    }
    for (String from : List.of("0", "-3", "runs/3/model", "")) {
      assertThat(fields(new SpecValidator().trainingParams("p", params(from)))).as(from).containsExactly("p.warm_start_from");
    }
  }

  @Test
  void shouldValidateTheNewFeatureTransforms() {
    FeatureConfig config =
        new FeatureConfig(
            "user_id", "item_id",
            List.of(
                feature("user_id", "string", "embedding"),
                new FeatureSpec("age_x_gender", null, null, "cross", 8, null, null, List.of("age", "gender"), 500, null),
                new FeatureSpec("when", "timestamp", "timestamp", "cyclical", null, null, null, null, null, List.of("hour_of_day", "day_of_week"))),
            List.of(
                feature("item_id", "string", "embedding"),
                new FeatureSpec("genres", "genres", "string", "embedding", 8, null, "|", null, null, null)),
            "timestamp", "rating");

    assertThat(new SpecValidator().featureConfig("", config).errors()).isEmpty();
    assertThat(config.columns()).containsExactly("user_id", "item_id", "age", "gender", "timestamp", "genres", "rating");
  }

  @Test
  void shouldNameEachBadFeatureField() {
    FeatureConfig config =
        new FeatureConfig(
            "user_id", "item_id",
            List.of(
                new FeatureSpec(null, "age", null, "cross", 8, null, null, List.of("age"), 1, null),
                new FeatureSpec("when", "when", "string", "cyclical", null, null, null, null, null, List.of("minute")),
                new FeatureSpec("n", "n", "float", "normalize", null, null, "|", null, 10, List.of("year"))),
            List.of(feature("item_id", "string", "embedding")),
            null, "bad column");

    assertThat(fields(new SpecValidator().featureConfig("", config)))
        .contains(
            "query_features[0].name",
            "query_features[0].column",
            "query_features[0].columns",
            "query_features[0].hash_buckets",
            "query_features[1].transform",
            "query_features[1].cycles[0]",
            "query_features[2].separator",
            "query_features[2].hash_buckets",
            "query_features[2].cycles",
            "label_column");
  }

  @Test
  void shouldRequireALabelForModelsThatRank() {
    FeatureConfig noLabel = new FeatureConfig("u", "i", List.of(feature("u", "string", "embedding")), List.of(feature("i", "string", "embedding")), null);
    ModelConfig ranking = new ModelConfig("ranking", 32, null, null, null, null, null);
    ModelConfig retrieval = new ModelConfig("retrieval", 32, null, null, null, null, null);

    assertThat(fields(new SpecValidator().modelFitsFeatures("feature_config_id", ranking, noLabel))).containsExactly("feature_config_id");
    assertThat(new SpecValidator().modelFitsFeatures("feature_config_id", retrieval, noLabel).errors()).isEmpty();
  }

  @Test
  void shouldChooseTheEvaluatorMetricsByModelType() {
    assertThat(new SpecValidator().evaluatorConfig("e", new EvaluatorConfig("rmse", 0.95, null, null), "ranking").errors()).isEmpty();
    assertThat(new SpecValidator().evaluatorConfig("e", new EvaluatorConfig("rmse", 2.5, null, null), "multitask").errors()).isEmpty();
    assertThat(fields(new SpecValidator().evaluatorConfig("e", new EvaluatorConfig("rmse", null, null, null), "retrieval")))
        .containsExactly("e.metric");
    assertThat(fields(new SpecValidator().evaluatorConfig("e", new EvaluatorConfig("recall_at_100", 0.3, null, null), "ranking")))
        .containsExactly("e.metric");
    assertThat(fields(new SpecValidator().evaluatorConfig("e", new EvaluatorConfig(null, 1.5, null, -2.0), "retrieval")))
        .containsExactly("e.blessing_threshold", "e.min_lift");
    assertThat(new EvaluatorConfig(null, null, null).withDefaults("ranking"))
        .isEqualTo(new EvaluatorConfig("rmse", null, 24.0, null));
  }

  @Test
  void shouldAcceptEachTabularTrainerAndNameAnUnknownOne() {
    for (String trainer : List.of("xgboost", "random_forest", "lightgbm")) {
      ModelConfig model = ModelConfig.tabular("classification", trainer, 100, 4);
      assertThat(new SpecValidator().modelConfig("model_config", model).errors()).as(trainer).isEmpty();
    }
    List<FieldError> errors =
        new SpecValidator().modelConfig("model_config", ModelConfig.tabular("regression", "catboost", 100, 4)).errors();

    assertThat(errors).extracting(FieldError::field).containsExactly("model_config.trainer");
    assertThat(errors.get(0).message()).contains("catboost").contains("lightgbm");
  }

  @Test
  void shouldPairTabularModelsWithTabularFeatureConfigsOnly() {
    FeatureConfig table = FeatureConfig.tabular("churn", List.of("customer_id"), null);
    FeatureConfig towers = new FeatureConfig("u", "i", List.of(feature("u", "string", "embedding")), List.of(feature("i", "string", "embedding")), null);
    ModelConfig classifier = ModelConfig.tabular("classification", "xgboost", 50, 3);
    ModelConfig retrieval = new ModelConfig("retrieval", 32, null, null, null, null, null);

    assertThat(new SpecValidator().modelFitsFeatures("f", classifier, table).errors()).isEmpty();
    assertThat(fields(new SpecValidator().modelFitsFeatures("f", classifier, towers))).containsExactly("f");
    assertThat(fields(new SpecValidator().modelFitsFeatures("f", retrieval, table))).containsExactly("f");
    assertThat(fields(new SpecValidator().featureConfig("", FeatureConfig.tabular(null, List.of("churn"), List.of("a", "a")))))
        .containsExactly("label_column", "categorical_columns[1]");
  }

  @Test
  void shouldCheckGatesAgainstTheModelType() {
    java.util.Map<String, Double> gates = new java.util.LinkedHashMap<>();
    gates.put("min_auc_roc", 0.7);
    gates.put("max_rmse", 3.0);
    gates.put("min_r2", -0.5);
    gates.put("min_lift", 0.1);

    assertThat(fields(new SpecValidator().thresholds("t", gates, "classification"))).containsExactly("t.max_rmse", "t.min_r2", "t.min_lift");
    assertThat(fields(new SpecValidator().thresholds("t", gates, "regression"))).containsExactly("t.min_auc_roc", "t.min_lift");
    assertThat(fields(new SpecValidator().thresholds("t", java.util.Map.of("min_auc_roc", 0.7), "retrieval"))).containsExactly("t");
    assertThat(fields(new SpecValidator().thresholds("t", java.util.Map.of("min_accuracy", 1.5), null))).containsExactly("t.min_accuracy");
    assertThat(new EvaluatorConfig(null, null, null).withDefaults("classification").metric()).isEqualTo("roc_auc");
    assertThat(new EvaluatorConfig(null, null, null).withDefaults("regression").metric()).isEqualTo("rmse");
  }

  @Test
  void shouldFillTreeDefaultsForTabularRunsOnly() {
    TrainingParams tabular = TrainingParams.empty().withDefaults(ModelConfig.tabular("classification", null, 50, null));
    TrainingParams towers = TrainingParams.empty().withDefaults(new ModelConfig("retrieval", 32, null, null, null, null, null));

    assertThat(tabular.numTrees()).isEqualTo(50);
    assertThat(tabular.maxDepth()).isEqualTo(ModelConfig.DEFAULT_MAX_DEPTH);
    assertThat(tabular.cvFolds()).isZero();
    assertThat(towers.numTrees()).isNull();
    assertThat(towers.cvFolds()).isNull();
    assertThat(fields(new SpecValidator().trainingParams("p",
        TrainingParams.empty().overriddenBy(new TrainingParams(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, 0, 40, -1.0, 0.0, 1)))))
        .containsExactly("p.num_trees", "p.max_depth", "p.min_child_weight", "p.subsample", "p.cv_folds");
  }

  @Test
  void shouldRefuseSeveralGpusWithTheReason() {
    List<FieldError> errors = new SpecValidator().gpuConfig("gpu_config", new GpuConfig("NVIDIA_L4", 2, null, null)).errors();

    assertThat(errors).extracting(FieldError::field).containsExactly("gpu_config.gpu_count");
    assertThat(errors.get(0).message()).contains("no distribution strategy");
  }

  @Test
  void shouldKeepExperimentsShortAndOnTheCpu() {
    TrainingParams long_ = new TrainingParams(50, null, null, null, null, null, null, null, null, null);

    assertThat(fields(new SpecValidator().runKind("run_kind", "experiment", long_, new GpuConfig("NVIDIA_L4", 1, null, null))))
        .containsExactly("training_params.epochs", "gpu_config.gpu_count");
    assertThat(fields(new SpecValidator().runKind("run_kind", "sweep", null, null))).containsExactly("run_kind");
    assertThat(RunKind.experimentParams(null).epochs()).isEqualTo(RunKind.EXPERIMENT_DEFAULT_EPOCHS);
    assertThat(RunKind.experimentParams(null).dataSamplePercent()).isEqualTo(RunKind.EXPERIMENT_DEFAULT_SAMPLE_PERCENT);
  }

  @Test
  void shouldFillOnlyTheScheduleFieldsItsTypeReads() {
    assertThat(TrainingParams.empty().withDefaults(null).lrSchedule()).isEqualTo(LearningRateSchedule.constant());
    assertThat(new LearningRateSchedule("reduce_on_plateau", null, null, null, null).withDefaults())
        .isEqualTo(new LearningRateSchedule("reduce_on_plateau", 0.5, 2, 0.0, null));
    assertThat(new LearningRateSchedule("warmup_cosine", null, null, null, null).withDefaults())
        .isEqualTo(new LearningRateSchedule("warmup_cosine", null, null, 0.0, 1.0));
  }

  private static TrainingParams params(String warmStartFrom) {
    return new TrainingParams(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, warmStartFrom);
  }

  private static FeatureSpec feature(String column, String type, String transform) {
    return new FeatureSpec(null, column, type, transform, null, null);
  }

  private static List<String> fields(SpecValidator v) {
    return v.errors().stream().map(FieldError::field).toList();
  }
}
