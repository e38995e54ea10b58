package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.pipeline.DriftGate;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** A pipeline's data work, on the data queue. */
@ActivityInterface
public interface PipelineDataActivities {

  /**
   * Runs the dataset's data-quality gate over the dataset as it reads now, writes the report under
   * {@code pipeline-runs/<id>/<task>/data_validation.json}, and fails with {@code data_validation}
   * naming each failed check; a dataset without a gate passes with that said.
   *
   * @return one line for the task report
   */
  @ActivityMethod
  String validateData(long pipelineRunId, String taskId, long datasetId);

  /**
   * Compares the dataset as it reads now with the gate's reference; a dataset with no reference (no
   * registered model trained on it yet) counts as drifted, so its first model gets trained.
   */
  @ActivityMethod
  DriftVerdict checkDrift(long pipelineRunId, String taskId, long datasetId, DriftGate gate);
}
