package dev.trainflow.activities.tuning;

import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.persistence.TuningJobRepository;
import dev.trainflow.workflows.activities.TrialRunRequest;
import dev.trainflow.workflows.activities.TuningRecordActivities;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.tuning.TuningProgress;

/** The tuning workflow's database work, on the orchestration queue. */
public class TuningRecordActivitiesImpl implements TuningRecordActivities {
  private final TuningJobRepository jobs;
  private final TrainingRunRepository runs;
  private final RunInputResolver inputs;

  public TuningRecordActivitiesImpl(TuningJobRepository jobs, TrainingRunRepository runs, RunInputResolver inputs) {
    this.jobs = jobs;
    this.runs = runs;
    this.inputs = inputs;
  }

  @Override
  public TrainingRunInput createTrialRun(TrialRunRequest request) {
    long runId =
        jobs.trialRun(
            request.jobId(), request.trialNumber(), request.params(),
            NewRun.of(runName(request.jobName(), request.jobId(), request.trialNumber()), request.template(), RunStatus.SUBMITTING));
    return inputs.resolve(runs.find(runId).orElseThrow());
  }

  @Override
  public void markRunNotStarted(long runId, String message) {
    runs.markStartFailed(runId, message);
  }

  @Override
  public void projectTuningJob(TuningProgress progress) {
    jobs.project(progress);
  }

  /** {@code <job>-<job id>-trial-<n>}, at most 63 characters (the run-name alphabet is the job name's). */
  static String runName(String jobName, long jobId, int trialNumber) {
    String suffix = "-" + jobId + "-trial-" + trialNumber;
    return jobName.substring(0, Math.min(jobName.length(), 63 - suffix.length())) + suffix;
  }
}
