package dev.trainflow.activities.persistence;

/** A once schedule and the run reserved for its fire, created together. */
public record ReservedRunSchedule(StoredSchedule schedule, StoredRun run) {}
