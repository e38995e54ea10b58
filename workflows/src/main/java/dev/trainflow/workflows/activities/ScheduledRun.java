package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;

/**
 * The run of a fire, as stored: its workflow input, its status, and whether this call created it.
 * An existing run whose workflow already started (a backfill of a time that already ran) is not
 * started again.
 */
public record ScheduledRun(TrainingRunInput input, RunStatus status, boolean created) {
  public boolean startable() {
    return status == RunStatus.SCHEDULED || status == RunStatus.PENDING || status == RunStatus.SUBMITTING;
  }
}
