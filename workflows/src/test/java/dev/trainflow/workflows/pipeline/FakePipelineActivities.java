package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.DriftVerdict;
import dev.trainflow.workflows.activities.PipelineDataActivities;
import dev.trainflow.workflows.activities.PipelineNotification;
import dev.trainflow.workflows.activities.PipelineRecordActivities;
import dev.trainflow.workflows.activities.PipelineTaskRunRequest;
import dev.trainflow.workflows.run.TrainingRunInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory pipeline activities: runs numbered per model attempt, a registry the test seeds, every projection kept. */
class FakePipelineActivities implements PipelineRecordActivities, PipelineDataActivities {
  static final long BROKEN_DATASET = 13;
  /** check_drift finds no drift on this dataset, and drift on every other. */
  static final long STABLE_DATASET = 21;

  final Map<String, Integer> registry = new ConcurrentHashMap<>();
  final List<PipelineRunProgress> projections = new ArrayList<>();
  final List<PipelineNotification> notifications = new ArrayList<>();
  private final Map<String, Long> runs = new HashMap<>();
  private final AtomicLong nextRun = new AtomicLong(100);

  @Override
  public synchronized TrainingRunInput createTaskRun(PipelineTaskRunRequest r) {
    String key = r.pipelineRunId() + "/" + r.taskId() + "/" + r.attempt();
    long runId = runs.computeIfAbsent(key, k -> nextRun.incrementAndGet());
    return new TrainingRunInput(
        runId, "run-" + runId, 1, r.template().mlModelName(), r.attempt(), r.template().datasetId(), "data", null, 1, null, 1,
        null, null, null, null, null);
  }

  @Override
  public void markRunNotStarted(long runId, String message) {}

  @Override
  public Map<String, Integer> servingVersions(List<String> mlModelNames) {
    Map<String, Integer> out = new HashMap<>();
    mlModelNames.stream().filter(registry::containsKey).forEach(n -> out.put(n, registry.get(n)));
    return out;
  }

  @Override
  public synchronized void projectPipelineRun(PipelineRunProgress progress) {
    projections.add(progress);
  }

  /** A URL containing "refused" answers like a receiver that refuses the request (not retried). */
  @Override
  public synchronized void notifyWebhook(PipelineNotification notification) {
    if (notification.url().contains("refused")) {
      throw TrainingFailures.invalidConfig("webhook " + notification.url() + " answered 404");
    }
    notifications.add(notification);
  }

  @Override
  public String validateData(long pipelineRunId, String taskId, long datasetId) {
    if (datasetId == BROKEN_DATASET) {
      throw TrainingFailures.dataValidation("data validation failed: completeness of 'price': missing ratio 0.5000");
    }
    return "dataset " + datasetId + ": 3 checks passed";
  }

  @Override
  public DriftVerdict checkDrift(long pipelineRunId, String taskId, long datasetId, DriftGate gate) {
    return datasetId == STABLE_DATASET
        ? new DriftVerdict(false, "no drift above the thresholds")
        : new DriftVerdict(true, "drift in price");
  }
}
