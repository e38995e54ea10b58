package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.activities.TrialRunRequest;
import dev.trainflow.workflows.activities.TuningRecordActivities;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.run.TrainingRunInput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tuning workflow's record activities in memory: a trial's run id is {@code job · 1000 +
 * trial}, created once however often the call is retried; projections are kept in order.
 */
class FakeTuningRecords implements TuningRecordActivities {
  final Map<Long, TrialRunRequest> created = new ConcurrentHashMap<>();
  final List<TuningProgress> projections = new CopyOnWriteArrayList<>();
  final List<Long> notStarted = new CopyOnWriteArrayList<>();

  @Override
  public TrainingRunInput createTrialRun(TrialRunRequest request) {
    long runId = request.jobId() * 1000 + request.trialNumber();
    created.putIfAbsent(runId, request);
    RunTemplate t = request.template();
    return new TrainingRunInput(
        runId, request.jobName() + "-trial-" + request.trialNumber(), 1, t.mlModelName(), request.trialNumber(), t.datasetId(),
        "churn", null, t.featureConfigId(), null, t.modelConfigId(), null, t.trainingParams(), t.gpuConfig(), t.evaluatorConfig(),
        t.deploymentConfig());
  }

  @Override
  public void markRunNotStarted(long runId, String message) {
    notStarted.add(runId);
  }

  @Override
  public void projectTuningJob(TuningProgress progress) {
    projections.add(progress);
  }

  TuningProgress latest() {
    return projections.isEmpty() ? null : projections.get(projections.size() - 1);
  }
}
