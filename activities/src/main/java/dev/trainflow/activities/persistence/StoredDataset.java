package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.spec.DatasetSource;
import java.time.OffsetDateTime;
import java.util.List;

public record StoredDataset(
    long id,
    String name,
    String description,
    DatasetSource source,
    List<StoredDatasetVersion> versions,
    OffsetDateTime createdAt) {}
