package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.ExperimentSummary;
import dev.trainflow.activities.persistence.FeatureConfigRepository;
import dev.trainflow.activities.persistence.ModelConfigRepository;
import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.RunFilter;
import dev.trainflow.activities.persistence.RunPage;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.persistence.StoredFeatureConfig;
import dev.trainflow.activities.persistence.StoredModelConfig;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.RunKind;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Run lifecycle for the REST API: validates a request completely before anything is written,
 * stores the run with its defaults filled in, and hands it to its workflow.
 */
@Service
class RunService {
  private static final List<String> STATUSES = Arrays.stream(RunStatus.values()).map(RunStatus::value).toList();
  private final TrainingRunRepository runs;
  private final DatasetRepository datasets;
  private final FeatureConfigRepository featureConfigs;
  private final ModelConfigRepository modelConfigs;
  private final RunWorkflows workflows;

  RunService(
      TrainingRunRepository runs,
      DatasetRepository datasets,
      FeatureConfigRepository featureConfigs,
      ModelConfigRepository modelConfigs,
      RunWorkflows workflows) {
    this.runs = runs;
    this.datasets = datasets;
    this.featureConfigs = featureConfigs;
    this.modelConfigs = modelConfigs;
    this.workflows = workflows;
  }

  StoredRun create(CreateTrainingRunRequest request) {
    SpecValidator v = new SpecValidator().name("name", request.name());
    if (request.mlModelName() != null) {
      v.name("ml_model_name", request.mlModelName());
    }
    String kind = request.runKind() != null ? request.runKind() : RunKind.TRAINING;
    Long datasetId = request.datasetId();
    Long featureConfigId = request.featureConfigId();
    Long modelConfigId = request.modelConfigId();
    TrainingParams params = request.trainingParams();
    if (request.baseExperimentId() != null) {
      Optional<StoredRun> experiment = baseExperiment(v, request.baseExperimentId(), kind);
      if (experiment.isPresent()) {
        StoredRun base = experiment.get();
        datasetId = inherit(v, "dataset_id", datasetId, base.datasetId(), base);
        featureConfigId = inherit(v, "feature_config_id", featureConfigId, base.featureConfigId(), base);
        modelConfigId = inherit(v, "model_config_id", modelConfigId, base.modelConfigId(), base);
        // the experiment's settings, without what made it quick: its epochs and its data sample
        params = base.trainingParams().withEpochsAndSample(null, null).overriddenBy(params);
      }
    }
    Optional<StoredDataset> dataset = lookup(v, "dataset_id", datasetId, datasets::find, "dataset");
    Optional<StoredFeatureConfig> features = lookup(v, "feature_config_id", featureConfigId, featureConfigs::find, "feature config");
    Optional<StoredModelConfig> model = lookup(v, "model_config_id", modelConfigId, modelConfigs::find, "model config");
    String modelType = model.map(m -> m.config().modelType()).orElse(null);
    v.trainingParams("training_params", request.trainingParams())
        .gpuConfig("gpu_config", request.gpuConfig())
        .evaluatorConfig("evaluator_config", request.evaluatorConfig(), modelType)
        .deploymentConfig("deployment_config", request.deploymentConfig())
        .runKind("run_kind", request.runKind(), request.trainingParams(), request.gpuConfig());
    if (model.isPresent() && features.isPresent()) {
      v.modelFitsFeatures("feature_config_id", model.get().config(), features.get().config());
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }

    ModelConfig modelConfig = model.orElseThrow().config();
    TrainingParams effective = RunKind.EXPERIMENT.equals(kind) ? RunKind.experimentParams(params) : orEmpty(params);
    boolean submit = request.autoSubmit() == null || request.autoSubmit();
    StoredRun run =
        runs.create(
            new NewRun(
                request.name(),
                request.description(),
                request.mlModelName() != null ? request.mlModelName() : request.name(),
                modelConfig.modelType(),
                dataset.orElseThrow().id(),
                features.orElseThrow().id(),
                model.orElseThrow().id(),
                effective.withDefaults(modelConfig),
                request.gpuConfig() != null ? request.gpuConfig().withDefaults() : GpuConfig.cpu(),
                (request.evaluatorConfig() != null ? request.evaluatorConfig() : EvaluatorConfig.empty())
                    .withDefaults(modelConfig.modelType()),
                (request.deploymentConfig() != null ? request.deploymentConfig() : DeploymentConfig.registerOnly())
                    .withDefaults(),
                RunStatus.PENDING,
                kind,
                request.baseExperimentId()));
    return submit ? submit(run.id()) : run;
  }

  /** The completed experiment a training run starts from; rejects anything else by name. */
  private Optional<StoredRun> baseExperiment(SpecValidator v, long id, String kind) {
    if (RunKind.EXPERIMENT.equals(kind)) {
      v.reject("base_experiment_id", "applies to training runs: an experiment cannot start from another experiment");
      return Optional.empty();
    }
    Optional<StoredRun> found = runs.find(id);
    if (found.isEmpty()) {
      v.reject("base_experiment_id", "run " + id + " does not exist");
    } else if (!RunKind.EXPERIMENT.equals(found.get().runKind())) {
      v.reject("base_experiment_id", "run " + id + " is a " + found.get().runKind() + " run, not an experiment");
    } else if (!RunStatus.COMPLETED.value().equals(found.get().status())) {
      v.reject("base_experiment_id", "experiment " + id + " is " + found.get().status() + "; only a completed experiment can seed a training run");
    } else {
      return found;
    }
    return Optional.empty();
  }

  private static Long inherit(SpecValidator v, String field, Long requested, long inherited, StoredRun experiment) {
    if (requested != null && requested != inherited) {
      v.reject(
          field,
          "the run inherits " + field + " " + inherited + " from experiment " + experiment.id() + "; leave " + field + " out");
    }
    return inherited;
  }

  /** Completed experiments of {@code modelType}, best first by the type's primary metric. */
  List<ExperimentSummary> topExperiments(String modelType, int limit) {
    return runs.topExperiments(modelType, limit);
  }

  /** Starts a pending run's workflow. */
  StoredRun submit(long id) {
    StoredRun run = get(id);
    if (!run.status().equals(RunStatus.PENDING.value())) {
      throw new ConflictException("run " + id + " is " + run.status() + "; only pending runs can be submitted");
    }
    runs.markSubmitted(id);
    try {
      workflows.start(input(run));
    } catch (ServiceUnavailableException e) {
      runs.markStartFailed(id, e.getMessage());
      throw e;
    }
    return get(id);
  }

  StoredRun cancel(long id, String reason) {
    StoredRun run = get(id);
    RunStatus status = RunStatus.fromValue(run.status());
    if (status.terminal() && status != RunStatus.NOT_BLESSED) {
      throw new ConflictException("run " + id + " is already " + run.status());
    }
    if (status == RunStatus.PENDING || status == RunStatus.SCHEDULED) {
      runs.markCancelledBeforeStart(id, reason);
    } else if (!workflows.cancel(run.workflowId(), reason)) {
      throw new ConflictException("run " + id + " has no running workflow to cancel");
    }
    return get(id);
  }

  StoredRun pushAnyway(long id, String reason) {
    StoredRun run = get(id);
    if (!run.status().equals(RunStatus.NOT_BLESSED.value())) {
      throw new ConflictException("run " + id + " is " + run.status() + "; push-anyway applies to not_blessed runs");
    }
    if (!workflows.pushAnyway(run.workflowId(), reason)) {
      throw new ConflictException("run " + id + " is no longer waiting for a push: its workflow has ended");
    }
    return run;
  }

  void delete(long id) {
    StoredRun run = get(id);
    RunStatus status = RunStatus.fromValue(run.status());
    if (!status.terminal() || (status == RunStatus.NOT_BLESSED && workflows.running(run.workflowId()))) {
      throw new ConflictException("run " + id + " is " + run.status() + "; cancel it before deleting it");
    }
    runs.delete(id);
  }

  StoredRun get(long id) {
    return runs.find(id).orElseThrow(() -> new NotFoundException("training run", id));
  }

  /** One page of runs; every bad filter is a 400 naming it. */
  RunPage list(String status, String modelType, String search, String runKind, int page, int size) {
    SpecValidator v = new SpecValidator();
    if (runKind != null && !RunKind.KINDS.contains(runKind)) {
      v.reject("run_kind", "'" + runKind + "' is not one of " + String.join(", ", RunKind.KINDS));
    }
    if (status != null && !STATUSES.contains(status)) {
      v.reject("status", "'" + status + "' is not one of " + String.join(", ", STATUSES));
    }
    if (modelType != null && !ModelConfig.MODEL_TYPES.contains(modelType)) {
      v.reject("model_type", "'" + modelType + "' is not one of " + String.join(", ", ModelConfig.MODEL_TYPES));
    }
    if (page < 0) {
      v.reject("page", "must be 0 or more, got " + page);
    }
    if (size < 1 || size > 100) {
      v.reject("size", "must be between 1 and 100, got " + size);
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return runs.list(new RunFilter(status, modelType, search, page, size, runKind));
  }

  private TrainingRunInput input(StoredRun run) {
    StoredDataset dataset = datasets.find(run.datasetId()).orElseThrow();
    StoredFeatureConfig features = featureConfigs.find(run.featureConfigId()).orElseThrow();
    StoredModelConfig model = modelConfigs.find(run.modelConfigId()).orElseThrow();
    return new TrainingRunInput(
        run.id(),
        run.name(),
        run.mlModelId(),
        run.mlModelName(),
        run.runNumber(),
        dataset.id(),
        dataset.name(),
        dataset.source(),
        features.id(),
        features.config(),
        model.id(),
        model.config(),
        run.trainingParams(),
        run.gpuConfig(),
        run.evaluatorConfig(),
        run.deploymentConfig());
  }

  private static TrainingParams orEmpty(TrainingParams params) {
    return params != null ? params : TrainingParams.empty();
  }

  private static <T> Optional<T> lookup(
      SpecValidator v, String field, Long id, java.util.function.LongFunction<Optional<T>> find, String what) {
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
