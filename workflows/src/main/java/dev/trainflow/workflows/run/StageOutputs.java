package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.SchemaResult;
import dev.trainflow.workflows.activities.StatisticsResult;
import dev.trainflow.workflows.activities.TransformResult;

/**
 * The outputs of the stages before training. Kept with the run so that a retry of a failed run
 * reuses them instead of preparing the data again; null where a stage has not completed.
 */
public record StageOutputs(
    CompiledRun compiled,
    ExamplesResult examples,
    StatisticsResult statistics,
    SchemaResult schema,
    TransformResult transform) {

  public static StageOutputs none() {
    return new StageOutputs(null, null, null, null, null);
  }
}
