package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.CompiledRun;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The data stages. Each reads its inputs from the artifact store and writes its outputs there
 * under the run's prefix, overwriting on retry, so a retried attempt never leaves two copies.
 */
@ActivityInterface
public interface DataActivities {
  /** Materializes the dataset, samples, splits (random by hash or strict by time), checksums. */
  @ActivityMethod
  ExamplesResult prepareExamples(CompiledRun run);

  /** Per-column statistics of the training split. */
  @ActivityMethod
  StatisticsResult computeStatistics(CompiledRun run, ExamplesResult examples);

  /**
   * Infers the schema, compares it with the dataset's previous one, and fails with {@code
   * data_validation} on anomalies that break training: a configured column that is missing or of
   * another type, an empty split, NaN in a float feature.
   */
  @ActivityMethod
  SchemaResult validateSchema(CompiledRun run, ExamplesResult examples, StatisticsResult statistics);

  /** Fits vocabularies, normalization and bucket boundaries on the training split. */
  @ActivityMethod
  TransformResult fitTransform(CompiledRun run, ExamplesResult examples, SchemaResult schema);
}
