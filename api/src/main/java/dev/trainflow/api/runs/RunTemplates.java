package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.FeatureConfigRepository;
import dev.trainflow.activities.persistence.ModelConfigRepository;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.persistence.StoredFeatureConfig;
import dev.trainflow.activities.persistence.StoredModelConfig;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.Optional;
import java.util.function.LongFunction;
import org.springframework.stereotype.Component;

/**
 * Validates what a request asks to train and resolves it into a {@link RunTemplate} with every
 * default filled. A run request and a schedule's run template go through this same code, with the
 * same {@link SpecValidator} rules Compile applies, so a template that would fail Compile is a 400
 * at creation.
 */
@Component
public class RunTemplates {
  private final DatasetRepository datasets;
  private final FeatureConfigRepository featureConfigs;
  private final ModelConfigRepository modelConfigs;

  RunTemplates(DatasetRepository datasets, FeatureConfigRepository featureConfigs, ModelConfigRepository modelConfigs) {
    this.datasets = datasets;
    this.featureConfigs = featureConfigs;
    this.modelConfigs = modelConfigs;
  }

  /**
   * Adds every problem to {@code v}, each field under {@code prefix} ("" at the top of a request).
   *
   * @param defaultMlModelName the ml model when the request names none
   * @return the template when {@code v} has no errors at all, else empty
   */
  public Optional<RunTemplate> resolve(SpecValidator v, String prefix, RunTemplateRequest r, String defaultMlModelName) {
    if (r == null) {
      v.reject(prefix.isEmpty() ? "body" : prefix, "is required");
      return Optional.empty();
    }
    if (r.mlModelName() != null) {
      v.name(at(prefix, "ml_model_name"), r.mlModelName());
    }
    Optional<StoredDataset> dataset = lookup(v, at(prefix, "dataset_id"), r.datasetId(), datasets::find, "dataset");
    Optional<StoredFeatureConfig> features =
        lookup(v, at(prefix, "feature_config_id"), r.featureConfigId(), featureConfigs::find, "feature config");
    Optional<StoredModelConfig> model =
        lookup(v, at(prefix, "model_config_id"), r.modelConfigId(), modelConfigs::find, "model config");
    String modelType = model.map(m -> m.config().modelType()).orElse(null);
    v.trainingParams(at(prefix, "training_params"), r.trainingParams())
        .gpuConfig(at(prefix, "gpu_config"), r.gpuConfig())
        .evaluatorConfig(at(prefix, "evaluator_config"), r.evaluatorConfig(), modelType)
        .deploymentConfig(at(prefix, "deployment_config"), r.deploymentConfig());
    if (model.isPresent() && features.isPresent()) {
      v.modelFitsFeatures(at(prefix, "feature_config_id"), model.get().config(), features.get().config());
    }
    if (!v.ok()) {
      return Optional.empty();
    }
    ModelConfig modelConfig = model.orElseThrow().config();
    return Optional.of(
        new RunTemplate(
            r.mlModelName() != null ? r.mlModelName() : defaultMlModelName,
            modelConfig.modelType(),
            r.description(),
            dataset.orElseThrow().id(),
            features.orElseThrow().id(),
            model.orElseThrow().id(),
            (r.trainingParams() != null ? r.trainingParams() : TrainingParams.empty()).withDefaults(modelConfig),
            r.gpuConfig() != null ? r.gpuConfig().withDefaults() : GpuConfig.cpu(),
            (r.evaluatorConfig() != null ? r.evaluatorConfig() : EvaluatorConfig.empty()).withDefaults(modelConfig.modelType()),
            (r.deploymentConfig() != null ? r.deploymentConfig() : DeploymentConfig.registerOnly()).withDefaults()));
  }

  private static String at(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private static <T> Optional<T> lookup(SpecValidator v, String field, Long id, LongFunction<Optional<T>> find, String what) {
    if (id == null) {
      v.reject(field, "is required");
      return Optional.empty();
    }
    Optional<T> found = find.apply(id);
    if (found.isEmpty()) {
      v.reject(field, what + " " + id + " does not exist");
    }
    return found;
  }
}
