package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.run.TrainingRunInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface CompileActivities {
  /**
   * Fills defaults, validates (non-retryable {@code invalid_config} naming each bad field), writes
   * the config snapshot and its SHA-256 to the artifact store.
   */
  @ActivityMethod
  CompiledRun compile(TrainingRunInput input);
}
