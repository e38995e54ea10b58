package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.StageDetail;
import java.time.Instant;

/** A stage as {@code stage_details} stores and shows it: lowercase names, ISO times, seconds. */
public record StageDetailView(
    String stage,
    String status,
    Instant startedAt,
    Instant finishedAt,
    Double durationSeconds,
    int attempt,
    String message) {

  public static StageDetailView of(StageDetail d) {
    return new StageDetailView(
        d.stage().value(),
        d.status().value(),
        d.startedAtMillis() == null ? null : Instant.ofEpochMilli(d.startedAtMillis()),
        d.finishedAtMillis() == null ? null : Instant.ofEpochMilli(d.finishedAtMillis()),
        d.durationSeconds(),
        d.attempt(),
        d.message());
  }
}
