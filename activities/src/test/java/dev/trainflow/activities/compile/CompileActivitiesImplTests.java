package dev.trainflow.activities.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.SampleRuns;
import dev.trainflow.activities.data.Sha256;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.LearningRateSchedule;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.RetryPolicy;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileActivitiesImplTests {
  @TempDir Path root;

  private TrainingRunInput input(DatasetSource source, ModelConfig model, TrainingParams params) {
    return new TrainingRunInput(
        17, "nightly", 3, "b2b-recommender", 1, 5, "orders", source, 11, SampleRuns.b2bFeatures(), 13, model,
        params, null, null, null, null, null);
  }

  private TrainingRunInput minimal() {
    DatasetSource source = new DatasetSource(DatasetSource.SYNTHETIC, null, null, null, null, null, null, null);
    return input(source, SampleRuns.retrieval(), null);
  }

  @Test
  void shouldFillEveryDefault() {
    CompiledRun run = new CompileActivitiesImpl(new LocalArtifactStore(root)).compile(minimal());

    assertThat(run.trainingParams())
        .isEqualTo(
            new TrainingParams(
                10, 4096, 0.1, "adagrad", 100.0, "random", 0.1, 0.1, 42L, 10,
                new RetryPolicy(2, 60.0, 2.0, 600.0, 10, 3), 240, 60, null,
                null, LearningRateSchedule.constant(), null, null));
    assertThat(run.gpuConfig()).isEqualTo(GpuConfig.cpu());
    assertThat(run.evaluatorConfig()).isEqualTo(new EvaluatorConfig("recall_at_100", 0.0, 24.0));
    assertThat(run.modelConfig().samplingCorrection()).isTrue();
    assertThat(run.modelConfig().candidateBias()).isFalse();
    assertThat(run.deploymentConfig()).isEqualTo(new DeploymentConfig("register_only", null, null, 100));
    assertThat(run.modelConfig())
        .isEqualTo(new ModelConfig("retrieval", 32, List.of(), List.of(), null, null, false, null, null, null, false, 0.0, true));
    assertThat(run.datasetSource()).isEqualTo(DatasetSource.synthetic(2000, 500, 50_000, 7));
    assertThat(run.artifactPrefix()).isEqualTo("runs/17");
  }

  @Test
  void shouldLetTheModelConfigSetOptimizerAndLearningRate() {
    ModelConfig model = new ModelConfig("retrieval", 64, null, null, "adam", 0.01, null);
    TrainingParams params = new TrainingParams(3, null, null, null, null, null, null, null, null, null);

    CompiledRun run =
        new CompileActivitiesImpl(new LocalArtifactStore(root)).compile(input(minimal().datasetSource(), model, params));

    assertThat(run.trainingParams().optimizer()).isEqualTo("adam");
    assertThat(run.trainingParams().learningRate()).isEqualTo(0.01);
    assertThat(run.trainingParams().epochs()).isEqualTo(3);
  }

  @Test
  void shouldWriteTheSnapshotWhoseBytesHashToConfigSha256() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(root);

    CompiledRun run = new CompileActivitiesImpl(store).compile(minimal());

    Path snapshot = root.resolve("runs/17/config/snapshot.json");
    assertThat(run.configSnapshotUri()).isEqualTo(snapshot.toUri().toString());
    byte[] bytes = Files.readAllBytes(snapshot);
    assertThat(run.configSha256()).isEqualTo(Sha256.hex(bytes)).hasSize(64);
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertThat(json).contains("\"training_params\"").doesNotContain("config_sha256", "config_snapshot_uri", "\n");
    CompiledRun reread = JsonCodec.fromBytes(bytes, CompiledRun.class);
    assertThat(reread.trainingParams()).isEqualTo(run.trainingParams());
    assertThat(reread.featureConfig()).isEqualTo(run.featureConfig());
  }

  @Test
  void shouldHashTheSameInputTheSameWay() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("user", "string");
    columns.put("item", "string");
    Map<String, String> reordered = new LinkedHashMap<>();
    reordered.put("item", "string");
    reordered.put("user", "string");
    DatasetSource one = new DatasetSource(DatasetSource.CSV, null, null, null, null, "/data/a.csv", columns, null);
    DatasetSource two = new DatasetSource(DatasetSource.CSV, null, null, null, null, "/data/a.csv", reordered, null);

    String first = new CompileActivitiesImpl(new LocalArtifactStore(root.resolve("a"))).compile(input(one, SampleRuns.retrieval(), null)).configSha256();
    String again = new CompileActivitiesImpl(new LocalArtifactStore(root.resolve("b"))).compile(input(two, SampleRuns.retrieval(), null)).configSha256();
    TrainingParams moreEpochs = new TrainingParams(11, null, null, null, null, null, null, null, null, null);
    String changed = new CompileActivitiesImpl(new LocalArtifactStore(root.resolve("c"))).compile(input(one, SampleRuns.retrieval(), moreEpochs)).configSha256();

    assertThat(again).isEqualTo(first);
    assertThat(changed).isNotEqualTo(first);
  }

  @Test
  void shouldRejectEveryBadFieldNonRetryablyWithoutWritingASnapshot() {
    TrainingParams params = new TrainingParams(0, 100, null, "rmsprop", null, "by_user", null, null, null, null);
    ModelConfig model = new ModelConfig("retrieval", 0, null, null, null, null, null);
    FeatureConfig features =
        new FeatureConfig(null, "product_id", SampleRuns.b2bFeatures().queryFeatures(), List.of(), null);
    DatasetSource gcs =
        new DatasetSource(DatasetSource.CSV, null, null, null, null, "gs://bucket/orders.csv", Map.of("user", "string"), null);
    TrainingRunInput input =
        new TrainingRunInput(
            17, "nightly", 3, "m", 1, 5, "orders", gcs, 11, features, 13, model, params,
            new GpuConfig("NVIDIA_TESLA_T4", 3, null, null, null, null),
            new EvaluatorConfig("auc", 1.5, null),
            new DeploymentConfig("deploy_sideways", null, null, 0),
            null,
            null);

    ApplicationFailure failure =
        catchThrowableOfType(
            () -> new CompileActivitiesImpl(new LocalArtifactStore(root)).compile(input), ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo("invalid_config");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains(
            "training_params.epochs: must be between 1 and 1000, got 0",
            "training_params.batch_size",
            "training_params.optimizer",
            "training_params.split_strategy",
            "gpu_config.gpu_count",
            "evaluator_config.metric",
            "evaluator_config.blessing_threshold",
            "deployment_config.action",
            "deployment_config.traffic_split_percent",
            "model_config.embedding_dim",
            "feature_config.query_id_column: is required",
            "feature_config.candidate_features: needs at least one feature",
            "dataset_source.uri: 'gs://bucket/orders.csv' is not supported yet");
    assertThat(root.resolve("runs/17")).doesNotExist();
  }

  @Test
  void shouldRequireModelFeatureAndDatasetConfigs() {
    TrainingRunInput input =
        new TrainingRunInput(17, "nightly", 3, "m", 1, 5, "orders", null, 11, null, 13, null, null, null, null, null, null, null);

    ApplicationFailure failure =
        catchThrowableOfType(
            () -> new CompileActivitiesImpl(new LocalArtifactStore(root)).compile(input), ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo("invalid_config");
    assertThat(failure.getOriginalMessage())
        .contains("model_config: is required", "feature_config: is required", "dataset_source: is required");
  }
}
