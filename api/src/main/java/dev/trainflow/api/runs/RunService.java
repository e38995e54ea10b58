package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.DatasetRepository;
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
import dev.trainflow.api.models.FailureBlock;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.run.ResumeState;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.StageOutputs;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Run lifecycle for the REST API: validates a request completely before anything is written,
 * stores the run with its defaults filled in, and hands it to its workflow.
 */
@Service
class RunService {
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
    Optional<StoredDataset> dataset = lookup(v, "dataset_id", request.datasetId(), datasets::find, "dataset");
    Optional<StoredFeatureConfig> features =
        lookup(v, "feature_config_id", request.featureConfigId(), featureConfigs::find, "feature config");
    Optional<StoredModelConfig> model =
        lookup(v, "model_config_id", request.modelConfigId(), modelConfigs::find, "model config");
    String modelType = model.map(m -> m.config().modelType()).orElse(null);
    v.trainingParams("training_params", request.trainingParams())
        .gpuConfig("gpu_config", request.gpuConfig())
        .evaluatorConfig("evaluator_config", request.evaluatorConfig(), modelType)
        .deploymentConfig("deployment_config", request.deploymentConfig());
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    String mlModelName = request.mlModelName() != null ? request.mlModelName() : request.name();
    if (runs.blockedByFailures(mlModelName, FailureBlock.FAILURES)) {
      throw new ConflictException(FailureBlock.message(mlModelName));
    }

    ModelConfig modelConfig = model.orElseThrow().config();
    boolean submit = request.autoSubmit() == null || request.autoSubmit();
    StoredRun run =
        runs.create(
            new NewRun(
                request.name(),
                request.description(),
                mlModelName,
                modelConfig.modelType(),
                dataset.orElseThrow().id(),
                features.orElseThrow().id(),
                model.orElseThrow().id(),
                orEmpty(request.trainingParams()).withDefaults(modelConfig),
                request.gpuConfig() != null ? request.gpuConfig().withDefaults() : GpuConfig.cpu(),
                (request.evaluatorConfig() != null ? request.evaluatorConfig() : EvaluatorConfig.empty()).withDefaults(),
                (request.deploymentConfig() != null ? request.deploymentConfig() : DeploymentConfig.registerOnly())
                    .withDefaults(),
                RunStatus.PENDING));
    return submit ? submit(run.id()) : run;
  }

  /** Starts a pending run's workflow. */
  StoredRun submit(long id) {
    StoredRun run = get(id);
    if (!run.status().equals(RunStatus.PENDING.value())) {
      throw new ConflictException("run " + id + " is " + run.status() + "; only pending runs can be submitted");
    }
    runs.markSubmitted(id);
    try {
      workflows.start(input(run, null), false);
    } catch (ServiceUnavailableException e) {
      runs.markStartFailed(id, e.getMessage());
      throw e;
    }
    return get(id);
  }

  /**
   * Starts a failed or cancelled run again under the same workflow id: completed stages are
   * reused and training resumes from the last checkpoint.
   */
  StoredRun retry(long id) {
    StoredRun run = get(id);
    if (!run.status().equals(RunStatus.FAILED.value()) && !run.status().equals(RunStatus.CANCELLED.value())) {
      throw new ConflictException("run " + id + " is " + run.status() + "; only failed or cancelled runs can be retried");
    }
    if (workflows.running(run.workflowId())) {
      throw new ConflictException("run " + id + " still has a running workflow; wait for it to end");
    }
    StageOutputs outputs = runs.stageOutputs(id).orElse(StageOutputs.none());
    String checkpoint = outputs.compiled() == null || run.artifacts() == null ? null : run.artifacts().get("last_checkpoint");
    ResumeState resume = new ResumeState(outputs, checkpoint, run.attempts(), run.costUsd());
    runs.markRetrying(id);
    try {
      workflows.start(input(run, resume), true);
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

  RunPage list(RunFilter filter) {
    return runs.list(filter);
  }

  private TrainingRunInput input(StoredRun run, ResumeState resume) {
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
        run.deploymentConfig(),
        resume,
        System.currentTimeMillis());
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
