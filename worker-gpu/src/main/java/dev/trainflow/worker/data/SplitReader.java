package dev.trainflow.worker.data;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.SplitInfo;
import java.io.UncheckedIOException;

/** Reads a split's CSV from the artifact store, failing with the taxonomy's reasons. */
public final class SplitReader {
  private final ArtifactStore store;

  public SplitReader(ArtifactStore store) {
    this.store = store;
  }

  /** The split's table; {@code data_validation} when it is missing, malformed or (if required) empty. */
  public CsvTable read(String name, SplitInfo split, boolean requireRows) {
    if (split == null || split.uri() == null) {
      throw TrainingFailures.dataValidation("the examples have no " + name + " split");
    }
    if (!exists(split.uri())) {
      throw TrainingFailures.dataValidation("the " + name + " split has no file at " + split.uri());
    }
    byte[] content;
    try {
      content = store.read(split.uri());
    } catch (UncheckedIOException e) {
      // a store that cannot answer now may answer on the next attempt
      throw TrainingFailures.of(
          FailureReason.TRANSIENT_IO, "cannot read the " + name + " split at " + split.uri() + ": " + e.getMessage(), e);
    }
    CsvTable table;
    try {
      table = CsvTable.parse(content);
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.dataValidation("the " + name + " split at " + split.uri() + " is not valid CSV: " + e.getMessage());
    }
    if (requireRows && table.size() == 0) {
      throw TrainingFailures.dataValidation("the " + name + " split at " + split.uri() + " has no rows");
    }
    return table;
  }

  private boolean exists(String uri) {
    try {
      return store.exists(uri);
    } catch (UncheckedIOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot reach " + uri + ": " + e.getMessage(), e);
    }
  }
}
