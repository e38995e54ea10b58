package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.ExperimentSummary;
import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.RunFilter;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.RunPage;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.models.FailureBlock;
import dev.trainflow.api.schedules.ScheduleService;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.run.ResumeState;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.StageOutputs;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.RunKind;
import dev.trainflow.workflows.spec.ScheduleCalendar;
import dev.trainflow.workflows.spec.SpecValidator;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Run lifecycle for the REST API: validates a request completely before anything is written,
 * stores the run with its defaults filled in, and hands it to its workflow, or, with {@code
 * scheduled_at}, to a once schedule that starts it then.
 */
@Service
public class RunService {
  private static final List<String> STATUSES = Arrays.stream(RunStatus.values()).map(RunStatus::value).toList();
  private final TrainingRunRepository runs;
  private final RunTemplates templates;
  private final RunInputResolver inputs;
  private final RunWorkflows workflows;
  private final ScheduleService schedules;
  private final RunArtifacts artifacts;

  RunService(
      TrainingRunRepository runs,
      RunTemplates templates,
      RunInputResolver inputs,
      RunWorkflows workflows,
      ScheduleService schedules,
      RunArtifacts artifacts) {
    this.runs = runs;
    this.templates = templates;
    this.inputs = inputs;
    this.workflows = workflows;
    this.schedules = schedules;
    this.artifacts = artifacts;
  }

  StoredRun create(CreateTrainingRunRequest request) {
    SpecValidator v = new SpecValidator().name("name", request.name());
    Instant scheduledAt = scheduledAt(v, request);
    String kind = request.runKind() != null ? request.runKind() : RunKind.TRAINING;
    v.runKind("run_kind", request.runKind(), request.trainingParams(), request.gpuConfig());
    RunTemplateRequest asked = request.template();
    if (request.baseExperimentId() != null) {
      asked = fromExperiment(v, asked, request.baseExperimentId(), kind);
    }
    if (RunKind.EXPERIMENT.equals(kind)) {
      asked = asked.withTrainingParams(RunKind.experimentParams(asked.trainingParams()));
    }
    Optional<RunTemplate> template = templates.resolve(v, "", asked, request.name());
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    String mlModelName = template.orElseThrow().mlModelName();
    if (runs.blockedByFailures(mlModelName, FailureBlock.FAILURES)) {
      throw new ConflictException(FailureBlock.message(mlModelName));
    }
    NewRun run = NewRun.of(request.name(), template.orElseThrow(), RunStatus.PENDING, kind, request.baseExperimentId());
    if (scheduledAt != null) {
      return schedules.scheduleRun(run, template.orElseThrow(), scheduledAt);
    }
    StoredRun created = runs.create(run);
    boolean submit = request.autoSubmit() == null || request.autoSubmit();
    return submit ? submit(created.id()) : created;
  }

  /**
   * A training run of a template that was validated and resolved elsewhere (a tuning job's best
   * trial), created and started as a request without {@code scheduled_at} is: refused while its
   * ml model is blocked by failures.
   */
  public StoredRun startFromTemplate(String name, RunTemplate template) {
    if (runs.blockedByFailures(template.mlModelName(), FailureBlock.FAILURES)) {
      throw new ConflictException(FailureBlock.message(template.mlModelName()));
    }
    StoredRun created = runs.create(NewRun.of(name, template, RunStatus.PENDING));
    return submit(created.id());
  }

  /** Starts a pending run's workflow. */
  StoredRun submit(long id) {
    StoredRun run = get(id);
    if (!run.status().equals(RunStatus.PENDING.value())) {
      throw new ConflictException("run " + id + " is " + run.status() + "; only pending runs can be submitted");
    }
    runs.markSubmitted(id);
    try {
      workflows.start(inputs.resolve(run, null), false);
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
      workflows.start(inputs.resolve(run, resume), true);
    } catch (ServiceUnavailableException e) {
      runs.markStartFailed(id, e.getMessage());
      throw e;
    }
    return get(id);
  }

  /** A scheduled run fires now (its once schedule is triggered); a pending one is submitted. */
  StoredRun runNow(long id) {
    StoredRun run = get(id);
    if (run.status().equals(RunStatus.PENDING.value())) {
      return submit(id);
    }
    if (!run.status().equals(RunStatus.SCHEDULED.value()) || run.scheduleId() == null) {
      throw new ConflictException("run " + id + " is " + run.status() + "; run-now applies to scheduled and pending runs");
    }
    schedules.fireReservedRun(run);
    return get(id);
  }

  StoredRun cancel(long id, String reason) {
    StoredRun run = get(id);
    RunStatus status = RunStatus.fromValue(run.status());
    if (status.terminal() && status != RunStatus.NOT_BLESSED) {
      throw new ConflictException("run " + id + " is already " + run.status());
    }
    if (status == RunStatus.SCHEDULED && run.scheduleId() != null) {
      schedules.cancelReservedRun(run, reason);
    } else if (status == RunStatus.PENDING || status == RunStatus.SCHEDULED) {
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
    // after the row: a failure here leaves files behind, never a run without its files
    artifacts.delete(id);
  }

  StoredRun get(long id) {
    return runs.find(id).orElseThrow(() -> new NotFoundException("training run", id));
  }


  /**
   * A training run seeded by a completed experiment: the experiment's dataset and configs, its
   * training params without what made it quick (epochs, data sample), overridden by the request's.
   */
  private RunTemplateRequest fromExperiment(SpecValidator v, RunTemplateRequest asked, long experimentId, String kind) {
    Optional<StoredRun> experiment = baseExperiment(v, experimentId, kind);
    if (experiment.isEmpty()) {
      return asked;
    }
    StoredRun base = experiment.get();
    return new RunTemplateRequest(
        asked.mlModelName(),
        asked.description(),
        inherit(v, "dataset_id", asked.datasetId(), base.datasetId(), base),
        inherit(v, "feature_config_id", asked.featureConfigId(), base.featureConfigId(), base),
        inherit(v, "model_config_id", asked.modelConfigId(), base.modelConfigId(), base),
        base.trainingParams().withEpochsAndSample(null, null).overriddenBy(asked.trainingParams()),
        asked.gpuConfig(),
        asked.evaluatorConfig(),
        asked.deploymentConfig());
  }

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

  /** {@code scheduled_at}: an ISO-8601 instant in the future (a local date-time is read as UTC). */
  private static Instant scheduledAt(SpecValidator v, CreateTrainingRunRequest request) {
    if (request.scheduledAt() == null) {
      return null;
    }
    if (Boolean.FALSE.equals(request.autoSubmit())) {
      v.reject("auto_submit", "cannot be false with scheduled_at: a scheduled run starts at its time");
    }
    try {
      Instant at = ScheduleCalendar.onceInstant(request.scheduledAt(), ZoneOffset.UTC);
      if (!at.isAfter(Instant.now())) {
        v.reject("scheduled_at", "must be in the future, got " + request.scheduledAt());
        return null;
      }
      return at;
    } catch (IllegalArgumentException e) {
      v.reject("scheduled_at", e.getMessage());
      return null;
    }
  }
}
