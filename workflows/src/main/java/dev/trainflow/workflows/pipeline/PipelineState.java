package dev.trainflow.workflows.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable state of a pipeline run, inside its workflow only; {@link #snapshot()} is what leaves it. */
final class PipelineState {
  private final PipelineRunInput input;
  private final Map<String, TaskReport> tasks = new LinkedHashMap<>();
  /** Per train task id, what became of its model. */
  private final Map<String, ModelOutcome> models = new LinkedHashMap<>();
  private PipelineStatus status = PipelineStatus.RUNNING;
  private String message;
  private Long startedAtMillis;
  private Long finishedAtMillis;
  private int revision;

  PipelineState(PipelineRunInput input) {
    this.input = input;
    for (PipelineTask task : input.tasks()) {
      tasks.put(task.taskId(), new TaskReport(task.taskId(), task.kind(), TaskStatus.PENDING, null, 0, List.of(), null, null));
    }
  }

  void started(long now) {
    startedAtMillis = now;
    revision++;
  }

  TaskStatus status(String taskId) {
    return tasks.get(taskId).status();
  }

  void start(PipelineTask task, long now) {
    TaskReport t = tasks.get(task.taskId());
    tasks.put(task.taskId(), new TaskReport(t.taskId(), t.kind(), TaskStatus.RUNNING, null, 0, t.models(), now, null));
    revision++;
  }

  void end(String taskId, TaskStatus status, String message, int attempts, List<String> covered, long now) {
    TaskReport t = tasks.get(taskId);
    Long started = t.startedAtMillis() != null ? t.startedAtMillis() : now;
    tasks.put(taskId, new TaskReport(t.taskId(), t.kind(), status, message, attempts, List.copyOf(covered), started, now));
    revision++;
  }

  void model(ModelOutcome outcome) {
    models.put(outcome.taskId(), outcome);
    revision++;
  }

  ModelOutcome model(String trainTaskId) {
    return models.get(trainTaskId);
  }

  boolean allEnded() {
    return tasks.values().stream().allMatch(t -> t.status().ended());
  }

  void finish(PipelineStatus status, String message, long now) {
    this.status = status;
    this.message = message;
    this.finishedAtMillis = now;
    revision++;
  }

  /** Adds a sentence to the run's message (after it ended). */
  void note(String sentence) {
    message = message == null ? sentence : message + "; " + sentence;
    revision++;
  }

  List<TaskReport> taskReports() {
    return List.copyOf(tasks.values());
  }

  PipelineRunProgress snapshot() {
    return new PipelineRunProgress(
        input.pipelineRunId(), input.pipelineId(), status, List.copyOf(tasks.values()), new ArrayList<>(models.values()),
        message, startedAtMillis, finishedAtMillis, revision);
  }
}
