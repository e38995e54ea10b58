package dev.trainflow.api.schedules;

import dev.trainflow.activities.persistence.StoredRun;
import java.time.OffsetDateTime;

/** One run of a schedule in its history: which fire, and how it went. */
record ScheduleRunView(
    long id,
    String name,
    String status,
    OffsetDateTime scheduledFor,
    OffsetDateTime startedAt,
    OffsetDateTime completedAt,
    Double durationSeconds,
    Boolean isBlessed,
    Integer registeredModelVersion,
    String errorMessage) {

  static ScheduleRunView of(StoredRun r) {
    return new ScheduleRunView(
        r.id(), r.name(), r.status(), r.scheduledFor(), r.startedAt(), r.completedAt(), r.durationSeconds(),
        r.isBlessed(), r.registeredModelVersion(), r.errorMessage());
  }
}
