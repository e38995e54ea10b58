package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.CompiledRun;

/**
 * What the training activity needs: the frozen config, the data stages' outputs, the workflow to
 * report epochs to, and a checkpoint to resume from (null to start at epoch 1).
 */
public record TrainingRequest(
    String workflowId,
    CompiledRun run,
    ExamplesResult examples,
    TransformResult transform,
    String resumeFromCheckpointUri) {}
