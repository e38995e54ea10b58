package dev.trainflow.activities.compile;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.activities.data.DatasetMaterializer;
import dev.trainflow.activities.data.Sha256;
import dev.trainflow.activities.data.SyntheticDatasetGenerator;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.CompileActivities;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FieldError;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.PriceSheet;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Compile stage: fills every default, validates with the same {@link SpecValidator} rules as
 * the REST API, and freezes the result as the run's config snapshot.
 *
 * <p>The snapshot at {@code runs/<id>/config/snapshot.json} is the {@link CanonicalJson} of the
 * compiled run <em>without</em> {@code config_snapshot_uri} and {@code config_sha256} (a file
 * cannot hold its own hash), and {@code config_sha256} is the SHA-256 of exactly those bytes, so
 * {@code sha256sum snapshot.json} verifies it. The returned record carries both fields.
 */
public final class CompileActivitiesImpl implements CompileActivities {
  public static final String SNAPSHOT_PATH = "config/snapshot.json";

  private final ArtifactStore store;
  private final PriceSheet prices;

  public CompileActivitiesImpl(ArtifactStore store) {
    this(store, PriceSheet.standard());
  }

  /** @param prices the operator's price sheet, frozen into every run compiled here */
  public CompileActivitiesImpl(ArtifactStore store, PriceSheet prices) {
    this.store = store;
    this.prices = prices;
  }

  @Override
  public CompiledRun compile(TrainingRunInput input) {
    ModelConfig model = input.modelConfig() != null ? input.modelConfig().withDefaults() : null;
    TrainingParams params =
        (input.trainingParams() != null ? input.trainingParams() : TrainingParams.empty()).withDefaults(model);
    GpuConfig gpu = input.gpuConfig() != null ? input.gpuConfig().withDefaults() : GpuConfig.cpu();
    EvaluatorConfig evaluator =
        (input.evaluatorConfig() != null ? input.evaluatorConfig() : EvaluatorConfig.empty())
            .withDefaults(model != null ? model.modelType() : null);
    DeploymentConfig deployment =
        (input.deploymentConfig() != null ? input.deploymentConfig() : DeploymentConfig.registerOnly()).withDefaults();
    DatasetSource source = input.datasetSource();
    if (source != null && DatasetSource.SYNTHETIC.equals(source.type())) {
      // The snapshot records the sizes and seed actually generated, not "whatever the default was".
      source = SyntheticDatasetGenerator.withDefaults(source);
    } else if (source != null && DatasetSource.SYNTHETIC_CHURN.equals(source.type())) {
      source = ChurnDatasetGenerator.withDefaults(source);
    }

    List<FieldError> errors =
        new ArrayList<>(
            new SpecValidator()
                .trainingParams("training_params", params)
                .gpuConfig("gpu_config", gpu)
                .evaluatorConfig("evaluator_config", evaluator, model != null ? model.modelType() : null)
                .deploymentConfig("deployment_config", deployment)
                .modelConfig("model_config", model)
                .featureConfig("feature_config", input.featureConfig())
                .modelFitsFeatures("feature_config.label_column", model, input.featureConfig())
                .errors());
    errors.addAll(DatasetMaterializer.validate("dataset_source", source));
    if (!errors.isEmpty()) {
      throw TrainingFailures.invalidConfig(
          "invalid run config: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }

    String prefix = "runs/" + input.runId();
    CompiledRun unsealed =
        new CompiledRun(
            input.runId(),
            input.runName(),
            input.mlModelId(),
            input.mlModelName(),
            input.datasetId(),
            input.datasetName(),
            source,
            input.featureConfig(),
            model,
            params,
            gpu,
            evaluator,
            deployment,
            prefix,
            null,
            null,
            prices);
    byte[] snapshot = CanonicalJson.toBytes(unsealed);
    String uri = store.write(prefix + "/" + SNAPSHOT_PATH, snapshot);
    return new CompiledRun(
        unsealed.runId(),
        unsealed.runName(),
        unsealed.mlModelId(),
        unsealed.mlModelName(),
        unsealed.datasetId(),
        unsealed.datasetName(),
        unsealed.datasetSource(),
        unsealed.featureConfig(),
        unsealed.modelConfig(),
        unsealed.trainingParams(),
        unsealed.gpuConfig(),
        unsealed.evaluatorConfig(),
        unsealed.deploymentConfig(),
        unsealed.artifactPrefix(),
        uri,
        Sha256.hex(snapshot),
        unsealed.priceSheet());
  }
}
