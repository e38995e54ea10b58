package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.ColumnSpec;
import java.util.List;

/**
 * A dataset's schema as a run inferred it: stored at {@code datasets/<id>/schema.json} for the next
 * run to compare with, and copied into the run's folder.
 *
 * @param runId the run that inferred it; a retried attempt of that run recognises its own schema
 */
public record DatasetSchema(long datasetId, long runId, String datasetChecksum, List<ColumnSpec> columns) {}
