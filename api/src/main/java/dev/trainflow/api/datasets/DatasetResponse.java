package dev.trainflow.api.datasets;

import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.persistence.StoredDatasetVersion;
import dev.trainflow.workflows.spec.DatasetSource;
import java.time.OffsetDateTime;
import java.util.List;

record DatasetResponse(
    long id,
    String name,
    String description,
    DatasetSource source,
    List<StoredDatasetVersion> versions,
    OffsetDateTime createdAt) {

  static DatasetResponse of(StoredDataset d) {
    return new DatasetResponse(d.id(), d.name(), d.description(), d.source(), d.versions(), d.createdAt());
  }
}
