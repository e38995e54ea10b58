package dev.trainflow.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface TabularTrainingActivities {
  /**
   * Trains a tabular model on the {@code cpu} task queue from the Examples stage's train split,
   * cross-validates it there when asked, evaluates it on the test split and applies the threshold
   * gates. Heartbeats between folds and stages (where cancellation is noticed). Fails with {@code
   * invalid_config} for a label or column the data does not have, {@code data_validation} for
   * values that cannot be read.
   */
  @ActivityMethod
  TabularTrainingResult trainTabular(TabularTrainingRequest request);
}
