package dev.trainflow.workflows.schedule;

import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.PipelineRunProgress;
import dev.trainflow.workflows.pipeline.PipelineStatus;
import dev.trainflow.workflows.pipeline.TrainingPipelineWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the pipeline workflow under the same type: each pipeline run lasts an hour of
 * skipped time and ends with the status its script (keyed by pipeline run id) names, else succeeded.
 */
public class ScriptedPipelineRun implements TrainingPipelineWorkflow {
  static final Duration RUN_TIME = Duration.ofHours(1);
  static final Map<Long, PipelineStatus> SCRIPTS = new ConcurrentHashMap<>();

  private PipelineRunProgress progress;

  @Override
  public PipelineRunProgress run(PipelineRunInput input) {
    Workflow.sleep(RUN_TIME);
    PipelineStatus status = SCRIPTS.getOrDefault(input.pipelineRunId(), PipelineStatus.SUCCEEDED);
    progress = new PipelineRunProgress(input.pipelineRunId(), input.pipelineId(), status, List.of(), List.of(), "scripted", null, null, 1);
    return progress;
  }

  @Override
  public PipelineRunProgress progress() {
    return progress;
  }
}
