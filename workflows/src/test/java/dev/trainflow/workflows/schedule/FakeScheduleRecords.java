package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.activities.ScheduleRecordActivities;
import dev.trainflow.workflows.activities.ScheduledPipelineRun;
import dev.trainflow.workflows.activities.ScheduledPipelineRunRequest;
import dev.trainflow.workflows.activities.ScheduledRun;
import dev.trainflow.workflows.activities.ScheduledRunRequest;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps what the schedule workflow writes instead of writing PostgreSQL; run ids count from 1. */
class FakeScheduleRecords implements ScheduleRecordActivities {
  /** One fire's run: its id, the fire time it was created for, and when (env time) it was created. */
  record CreatedRun(long runId, long fireAtMillis, long createdAtMillis, String name) {}

  final List<CreatedRun> created = new CopyOnWriteArrayList<>();
  final List<ScheduleProgress> projections = new CopyOnWriteArrayList<>();
  final List<Long> notStarted = new CopyOnWriteArrayList<>();
  final List<Long> releasedSchedules = new CopyOnWriteArrayList<>();
  /** Pipeline runs created per fire, and the fires whose pipeline's depends_on refuses them. */
  final List<CreatedRun> createdPipelineRuns = new CopyOnWriteArrayList<>();
  final List<Long> refusedFires = new CopyOnWriteArrayList<>();
  final List<Long> pipelineRunsNotStarted = new CopyOnWriteArrayList<>();
  private final Map<String, Long> pipelineRunsByFire = new ConcurrentHashMap<>();
  private final AtomicLong pipelineRunIds = new AtomicLong(500);
  private final Map<String, Long> runsByFire = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private TestWorkflowEnvironment env;

  void env(TestWorkflowEnvironment env) {
    this.env = env;
  }

  @Override
  public ScheduledRun createScheduledRun(ScheduledRunRequest request) {
    String key = request.scheduleId() + "@" + request.fireAtMillis();
    Long existing = runsByFire.get(key);
    if (existing != null) {
      return new ScheduledRun(input(existing, request), RunStatus.SUBMITTING, false);
    }
    long runId = ids.incrementAndGet();
    runsByFire.put(key, runId);
    String name = request.scheduleName() + "-" + request.fireAtMillis();
    created.add(new CreatedRun(runId, request.fireAtMillis(), env.currentTimeMillis(), name));
    return new ScheduledRun(input(runId, request), RunStatus.SUBMITTING, true);
  }

  @Override
  public ScheduledPipelineRun createScheduledPipelineRun(ScheduledPipelineRunRequest request) {
    String key = request.scheduleId() + "@" + request.fireAtMillis();
    boolean created = !pipelineRunsByFire.containsKey(key);
    long id = pipelineRunsByFire.computeIfAbsent(key, k -> pipelineRunIds.incrementAndGet());
    if (created) {
      createdPipelineRuns.add(new CreatedRun(id, request.fireAtMillis(), env.currentTimeMillis(), "pipeline-" + request.pipelineId()));
    }
    PipelineRunInput input = new PipelineRunInput(id, request.pipelineId(), "pipeline-" + request.pipelineId(), List.of());
    String refusal = refusedFires.contains(request.fireAtMillis()) ? "depends_on upstream: its latest run failed" : null;
    return new ScheduledPipelineRun(input, refusal == null, refusal);
  }

  @Override
  public void markPipelineRunNotStarted(long pipelineRunId, String message) {
    pipelineRunsNotStarted.add(pipelineRunId);
  }

  @Override
  public void projectSchedule(ScheduleProgress progress) {
    projections.add(progress);
  }

  @Override
  public void markRunNotStarted(long runId, String message) {
    notStarted.add(runId);
  }

  @Override
  public int cancelUnstartedRuns(long scheduleId, String reason) {
    releasedSchedules.add(scheduleId);
    return 0;
  }

  List<Long> fireTimes() {
    return created.stream().map(CreatedRun::fireAtMillis).toList();
  }

  ScheduleProgress lastProjection() {
    return projections.get(projections.size() - 1);
  }

  private static TrainingRunInput input(long runId, ScheduledRunRequest request) {
    RunTemplate t = request.template();
    return new TrainingRunInput(
        runId, request.scheduleName() + "-" + runId, 1, t.mlModelName(), (int) runId, t.datasetId(), "data", null,
        t.featureConfigId(), null, t.modelConfigId(), null, t.trainingParams(), t.gpuConfig(), t.evaluatorConfig(),
        t.deploymentConfig(), null, null);
  }
}
