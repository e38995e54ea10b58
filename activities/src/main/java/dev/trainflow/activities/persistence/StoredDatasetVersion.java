package dev.trainflow.activities.persistence;

import java.time.OffsetDateTime;

public record StoredDatasetVersion(int version, String checksum, long rowCount, OffsetDateTime createdAt) {}
