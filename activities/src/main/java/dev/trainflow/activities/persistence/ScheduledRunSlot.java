package dev.trainflow.activities.persistence;

/** The run of one schedule fire, and whether this call created it (false: it existed). */
public record ScheduledRunSlot(StoredRun run, boolean created) {}
