package dev.trainflow.workflows.activities;

import java.util.List;

/**
 * The Examples stage's output. The splits are CSV files with a header row and the columns in
 * {@code columns}; {@code candidates} is the catalog (one row per distinct candidate id, with the
 * candidate feature columns) that retrieval ranks over.
 *
 * @param datasetChecksum SHA-256 of the materialized dataset before sampling: its version key
 */
public record ExamplesResult(
    String datasetChecksum,
    long datasetRows,
    long sampledRows,
    List<ColumnSpec> columns,
    SplitInfo train,
    SplitInfo validation,
    SplitInfo test,
    SplitInfo candidates) {

  public List<SplitInfo> splits() {
    return List.of(train, validation, test);
  }
}
