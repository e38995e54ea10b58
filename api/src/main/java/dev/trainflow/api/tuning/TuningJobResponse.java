package dev.trainflow.api.tuning;

import dev.trainflow.activities.persistence.StoredTuningJob;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.tuning.ParameterRange;
import dev.trainflow.workflows.tuning.TrialEarlyStopping;
import dev.trainflow.workflows.tuning.TuningObjective;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A tuning job as the API shows it: the search, the status, the best trial (with its params and
 * metrics) and, in a single job's answer, every trial; a listing leaves the trials out.
 */
record TuningJobResponse(
    long id,
    String name,
    String description,
    String status,
    String workflowId,
    RunTemplate baseRun,
    Map<String, ParameterRange> searchSpace,
    TuningObjective objective,
    int maxTrials,
    int parallelism,
    String algorithm,
    TrialEarlyStopping earlyStopping,
    long seed,
    Integer startupTrials,
    Double gamma,
    Integer bestTrial,
    Double bestValue,
    TrialView best,
    Long promotedRunId,
    String error,
    Integer trialsTotal,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    List<TrialView> trials) {

  static TuningJobResponse of(StoredTuningJob job, List<TrialView> trials) {
    TrialView best =
        job.bestTrial() == null || trials == null
            ? null
            : trials.stream().filter(t -> t.trialNumber() == job.bestTrial()).findFirst().orElse(null);
    var spec = job.spec();
    return new TuningJobResponse(
        job.id(), job.name(), job.description(), job.status(), job.workflowId(), job.baseTemplate(), spec.searchSpace(),
        spec.objective(), spec.maxTrials(), spec.parallelism(), spec.algorithm(), spec.earlyStopping(), spec.seed(),
        spec.startupTrials(), spec.gamma(), job.bestTrial(), job.bestValue(), best, job.promotedRunId(), job.error(),
        trials == null ? null : trials.size(), job.createdAt(), job.startedAt(), job.finishedAt(), trials);
  }
}
