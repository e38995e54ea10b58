package dev.trainflow.api.tuning;

import dev.trainflow.activities.audit.AuditEvent;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.StoredTuningJob;
import dev.trainflow.activities.persistence.TuningJobRepository;
import dev.trainflow.api.runs.RunService;
import dev.trainflow.api.security.AuthMode;
import dev.trainflow.api.security.Caller;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.api.web.ServiceUnavailableException;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.tuning.TrialTemplates;
import dev.trainflow.workflows.tuning.TuningJobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Tuning jobs for the REST API: validates a request completely before anything is written, stores
 * the job and starts its workflow; cancels it; promotes its best trial to a full training run.
 */
@Service
class TuningJobService {
  private final TuningJobRepository jobs;
  private final TuningJobSpecs specs;
  private final TuningWorkflows workflows;
  private final RunService runs;
  private final AuditLogRepository audit;
  private final AuthMode auth;

  TuningJobService(
      TuningJobRepository jobs, TuningJobSpecs specs, TuningWorkflows workflows, RunService runs, AuditLogRepository audit,
      AuthMode auth) {
    this.jobs = jobs;
    this.specs = specs;
    this.workflows = workflows;
    this.runs = runs;
    this.audit = audit;
    this.auth = auth;
  }

  StoredTuningJob create(CreateTuningJobRequest request) {
    SpecValidator v = new SpecValidator();
    Optional<TuningJobSpecs.Resolved> resolved = specs.resolve(v, request);
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    StoredTuningJob job =
        jobs.create(request.name(), request.description(), resolved.orElseThrow().template(), resolved.orElseThrow().spec());
    try {
      workflows.start(job.input());
    } catch (ServiceUnavailableException e) {
      jobs.markFailed(job.id(), e.getMessage());
      throw e;
    }
    return job;
  }

  StoredTuningJob get(long id) {
    return jobs.find(id).orElseThrow(() -> new NotFoundException("tuning job", id));
  }

  List<TrialView> trials(long id) {
    return jobs.trials(id).stream().map(TrialView::of).toList();
  }

  List<StoredTuningJob> list(String status, int limit) {
    return jobs.list(status, limit);
  }

  /** Running trials are cancelled and no new one starts; the job ends {@code cancelled}. */
  StoredTuningJob cancel(long id, String reason) {
    StoredTuningJob job = get(id);
    if (TuningJobStatus.fromValue(job.status()).ended()) {
      throw new ConflictException("tuning job " + id + " is already " + job.status());
    }
    if (!workflows.cancel(job.workflowId(), reason != null ? reason : "cancelled through the API")) {
      throw new ConflictException("tuning job " + id + " has no running workflow to cancel");
    }
    return get(id);
  }

  /**
   * A full training run of the base template with the best trial's hyperparameters and the base's
   * own evaluation and deployment, started as {@code POST /api/training-runs} starts one.
   */
  PromotedRunResponse promote(long id) {
    StoredTuningJob job = get(id);
    if (job.bestTrial() == null) {
      throw new ConflictException("tuning job " + id + " has no completed trial to promote yet");
    }
    TrialView best =
        trials(id).stream().filter(t -> t.trialNumber() == job.bestTrial()).findFirst()
            .orElseThrow(() -> new ConflictException("tuning job " + id + " has no completed trial to promote yet"));
    String suffix = "-best-" + id;
    String name = job.name().substring(0, Math.min(job.name().length(), 63 - suffix.length())) + suffix;
    StoredRun run = runs.startFromTemplate(name, TrialTemplates.promoted(job.baseTemplate(), best.params()));
    jobs.markPromoted(id, run.id());
    Caller caller = auth.enforcing() ? Caller.current() : new Caller(Caller.UNCHECKED, null);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tuning_job_id", id);
    details.put("trial_number", best.trialNumber());
    details.put("trial_run_id", best.trainingRunId());
    details.put("params", best.params());
    details.put("objective_metric", job.spec().objective().metric());
    details.put("objective_value", best.objectiveValue());
    audit.append(
        new AuditEvent(
            AuditEvent.TUNING_JOB_PROMOTED, run.id(), caller.name(), caller.roleValue(), null, null, null, run.status(), null,
            null, null, details, "tuning-job-" + id + "-promoted-run-" + run.id()));
    return PromotedRunResponse.of(run, id, best);
  }
}
