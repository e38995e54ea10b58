package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.pipeline.PipelineRunInput;

/**
 * The pipeline run of a fire, as stored: its workflow input, and whether it is to be started now.
 * It is not when its workflow was started already (a retried fire), or when it could not run at
 * all: {@code refusal} then says why (the pipeline's {@code depends_on} has no successful latest
 * run, or the pipeline was deleted), and the run's row is failed with it.
 */
public record ScheduledPipelineRun(PipelineRunInput input, boolean startable, String refusal) {}
