package dev.trainflow.activities.logs;

import java.time.Instant;

/** One captured log line, as stored (JSON, one per line) and as the API returns it. */
public record RunLogLine(
    Instant timestamp, String level, String logger, String thread, String message, String worker) {}
