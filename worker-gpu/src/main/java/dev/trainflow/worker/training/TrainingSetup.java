package dev.trainflow.worker.training;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.model.Optimizer;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.LearningRateSchedule;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.io.UncheckedIOException;

/**
 * A run's training configuration with every default applied and checked: a bad config fails
 * {@code invalid_config}, a missing or unreadable transform.json {@code data_validation}; neither
 * is retried.
 *
 * @param checkpointEveryEpochs the effective interval: every epoch on a preemptible machine
 * @param gpus the GPUs the session may use (0: CPU)
 */
public record TrainingSetup(
    ModelConfig model,
    TrainingParams params,
    TransformSpec transform,
    TwoTowerArchitecture architecture,
    Optimizer optimizer,
    LearningRateSchedule schedule,
    int checkpointEveryEpochs,
    int gpus) {

  public static TrainingSetup of(CompiledRun run, ExamplesResult examples, TransformResult transformResult, ArtifactStore store) {
    ModelConfig model = modelConfig(run);
    if (!ModelConfig.MODEL_TYPES.contains(model.modelType())) {
      throw TrainingFailures.invalidConfig(
          "model_type '" + model.modelType() + "' is not trained by this worker; supported: " + ModelConfig.SUPPORTED_MODEL_TYPES);
    }
    TrainingParams params =
        (run.trainingParams() == null ? TrainingParams.empty() : run.trainingParams()).withDefaults(model);
    if (params.epochs() < 1) {
      throw TrainingFailures.invalidConfig("training_params.epochs must be at least 1, got " + params.epochs());
    }
    if (params.batchSize() < 1) {
      throw TrainingFailures.invalidConfig("training_params.batch_size must be at least 1, got " + params.batchSize());
    }
    if (params.checkpointEveryEpochs() < 1) {
      throw TrainingFailures.invalidConfig(
          "training_params.checkpoint_every_epochs must be at least 1, got " + params.checkpointEveryEpochs());
    }
    TransformSpec transform = transformSpec(transformResult, store);
    if (model.ranks() && transform.labelColumn() == null) {
      throw TrainingFailures.invalidConfig(
          "a " + model.modelType() + " model needs feature_config.label_column: transform.json names no label");
    }
    GpuConfig gpu = run.gpuConfig() != null ? run.gpuConfig().withDefaults() : GpuConfig.cpu();
    int catalogSize = examples != null && examples.candidates() != null ? (int) examples.candidates().rows() : 0;
    try {
      return new TrainingSetup(
          model,
          params,
          transform,
          TwoTowerArchitecture.of(transform, model, catalogSize),
          Optimizer.named(params.optimizer()),
          params.lrSchedule().withDefaults(),
          Boolean.TRUE.equals(gpu.preemptible()) ? 1 : params.checkpointEveryEpochs(),
          gpu.gpuCount());
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.invalidConfig(e.getMessage());
    }
  }

  public static ModelConfig modelConfig(CompiledRun run) {
    ModelConfig model = run.modelConfig() != null ? run.modelConfig() : new ModelConfig(null, null, null, null, null, null, null);
    return model.withDefaults();
  }

  private static TransformSpec transformSpec(TransformResult transform, ArtifactStore store) {
    if (transform == null || transform.uri() == null) {
      throw TrainingFailures.dataValidation("the run has no transform.json: the Transform stage produced nothing");
    }
    try {
      TransformSpec spec = JsonCodec.fromBytes(store.read(transform.uri()), TransformSpec.class);
      if (spec.queryIdColumn() == null || spec.candidateIdColumn() == null) {
        throw TrainingFailures.dataValidation("transform.json at " + transform.uri() + " names no query or candidate id column");
      }
      return spec;
    } catch (UncheckedIOException e) {
      throw TrainingFailures.dataValidation("cannot read transform.json at " + transform.uri() + ": " + e.getMessage());
    }
  }
}
