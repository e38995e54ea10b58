package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.GpuConfig;

/**
 * What the training activity needs: the frozen config, the data stages' outputs, the workflow to
 * report epochs to, and a checkpoint to resume from (null to start at epoch 1).
 *
 * @param attempt 1 for the first attempt; null in requests of workflows older than attempts
 * @param capacity the machine this attempt asked for (a fallback or an escalation may differ from
 *     the run's {@code gpu_config}); null means the run's
 * @param deadlineEpochMillis when the run's max runtime ends: the trainer checkpoints and fails
 *     with {@code timeout_exceeded}
 * @param pricePerHourUsd what this attempt's capacity costs
 * @param costBudgetUsd what this attempt may still spend before {@code cost_limit_exceeded}; null
 *     for no limit
 */
public record TrainingRequest(
    String workflowId,
    CompiledRun run,
    ExamplesResult examples,
    TransformResult transform,
    String resumeFromCheckpointUri,
    Integer attempt,
    GpuConfig capacity,
    Long deadlineEpochMillis,
    Double pricePerHourUsd,
    Double costBudgetUsd) {

  public TrainingRequest(
      String workflowId, CompiledRun run, ExamplesResult examples, TransformResult transform, String resumeFrom) {
    this(workflowId, run, examples, transform, resumeFrom, null, null, null, null, null);
  }

  /** The capacity this attempt runs on. */
  public GpuConfig effectiveCapacity() {
    return capacity != null ? capacity : run.gpuConfig();
  }
}
